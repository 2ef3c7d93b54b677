import { PatchRules } from '../patch/apply-patch';

/**
 * `active` carries the user's lifecycle: unassigning it could mean neither disable nor enable, so a
 * remove (or a null) is refused rather than guessed at.
 */
export const USER_PATCH_RULES: PatchRules = {
  alwaysAssigned: { active: "it holds the user's lifecycle state; replace it with false to disable the user" },
};
