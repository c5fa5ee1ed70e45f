/** A list of raw response bodies that components can subscribe to (`useSyncExternalStore`). */
export interface WireLog {
  record(body: string): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly string[];
  clear(): void;
}

/** Creates an empty {@link WireLog}. */
export function createWireLog(): WireLog {
  let bodies: readonly string[] = [];
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());
  return {
    record(body) {
      bodies = [...bodies, body];
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => bodies,
    clear() {
      bodies = [];
      emit();
    },
  };
}
