/** `R` (each member of a union, so `status` still narrows) with `rows` typed as `TRow[]`. */
export type WithRows<R, TRow> = R extends unknown ? Omit<R, 'rows'> & { rows: TRow[] } : never;
