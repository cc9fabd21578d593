// The record a batch row's natural key already has in the golden store, for the compare and sync
// statements that classify a batch against the store.

/**
 * A lateral subquery (`g`: id, content_hash) probing the store's unique key (dataset, natural_key)
 * for one row's `key`. `offset 0` keeps it a probe per row: joined plainly, the planner reads the
 * whole store whenever the batch is a fair share of it (a hash of every record of the dataset), a
 * cost that grows with every record ever made rather than with the batch.
 */
export const heldByKey = (key: string): string =>
  `(select g.id, g.content_hash from golden_records g where g.dataset = :dataset and g.natural_key = ${key} offset 0)`;
