import { RECONCILE_GROUPS, ReconcileGroup } from '../domain/reconcile';
import { countGroups } from './bulk-report';

describe('countGroups', () => {
  const reviewed = (group: ReconcileGroup | null) => ({ verdict: group ? { group } : null });

  it('counts every group, empty ones as 0, and requests without a verdict as unreadable', () => {
    const counts = countGroups(
      [reviewed('closed'), reviewed('closed'), reviewed('active'), reviewed(null)],
      RECONCILE_GROUPS,
    );
    expect(counts).toEqual({
      closed: 2,
      'renewal-answered': 0,
      drift: 0,
      active: 1,
      'not-exported': 0,
      unreadable: 1,
    });
  });

  it('gives 0 everywhere before any review', () => {
    expect(countGroups([], ['closed', 'stale'])).toEqual({ closed: 0, stale: 0, unreadable: 0 });
  });
});
