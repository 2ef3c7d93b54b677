/** Where the SCIM 2.0 API is served, below PUBLIC_BASE_URL: the tab's SCIM URL, the routes and the metrics all use it. */
export const SCIM_BASE_PATH = 'scim/v2';
