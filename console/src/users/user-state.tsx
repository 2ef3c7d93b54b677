const LABELS: Record<string, string> = {
  provisioned: 'Invited',
  active: 'Active',
  disabled: 'Disabled',
  deleted: 'Deleted',
};

/** The lifecycle state in words, with the API's name kept for the curious. */
export function UserState({ state }: { state: string }) {
  return (
    <span className={`state state-${state}`} title={state}>
      {LABELS[state] ?? state}
    </span>
  );
}
