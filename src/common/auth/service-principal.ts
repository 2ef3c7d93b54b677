/** An internal service calling `/api/internal/*`, named after its INTERNAL_API_TOKENS entry. */
export interface ServicePrincipal {
  serviceName: string;
}
