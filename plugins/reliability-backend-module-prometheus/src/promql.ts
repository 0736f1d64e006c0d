/**
 * Many PromQL expressions in one request (the expressions themselves are
 * written by the node library's PromQL helpers, which the rule generator
 * shares).
 */

/** The label the batch adds to every branch so answers can be split again. */
export const BRANCH_LABEL = '__rh_key';

/**
 * One PromQL request answering many expressions: each branch is labelled
 * with its index in `label` (by default {@link BRANCH_LABEL}; the source
 * adds a random suffix per request), and the branches are joined with
 * `or` (their label sets differ, so none hides another) into a balanced
 * tree: Prometheus walks from every selector up to the root while planning
 * a query, which over a flat chain of `or` costs time quadratic in the
 * number of branches.
 *
 * @internal
 */
export function batchExpr(
  exprs: readonly string[],
  label: string = BRANCH_LABEL,
): string {
  const branches = exprs.map(
    (expr, index) => `label_replace(${expr}, "${label}", "${index}", "", "")`,
  );
  const join = (from: number, to: number): string => {
    if (to - from === 1) {
      return branches[from];
    }
    const mid = Math.ceil((from + to) / 2);
    const part = (a: number, b: number) =>
      b - a > 1 ? `(${join(a, b)})` : join(a, b);
    return `${part(from, mid)} or ${part(mid, to)}`;
  };
  return branches.length ? join(0, branches.length) : '';
}
