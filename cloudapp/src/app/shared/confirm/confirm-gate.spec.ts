import { ConfirmGate } from './confirm-gate';

describe('ConfirmGate', () => {
  let ran: string[];
  let gate: ConfirmGate<'export' | 'cleanCancel'>;

  beforeEach(() => {
    ran = [];
    gate = new ConfirmGate((a) => ran.push(a));
  });

  it('holds the action until the user says OK, then runs it once', () => {
    gate.ask('cleanCancel', true);
    expect(gate.pending()).toBe('cleanCancel');
    expect(ran).toEqual([]);
    gate.answer(true);
    expect(ran).toEqual(['cleanCancel']);
    expect(gate.pending()).toBeNull();
    gate.answer(true);
    expect(ran).toEqual(['cleanCancel']);
  });

  it('drops the action on Cancel', () => {
    gate.ask('export', true);
    gate.answer(false);
    expect(ran).toEqual([]);
    expect(gate.pending()).toBeNull();
  });

  it('runs at once when the user turned confirmations off', () => {
    gate.ask('export', false);
    expect(ran).toEqual(['export']);
    expect(gate.pending()).toBeNull();
  });

  it('asking again replaces the waiting action; clear drops it', () => {
    gate.ask('export', true);
    gate.ask('cleanCancel', true);
    expect(gate.pending()).toBe('cleanCancel');
    gate.clear();
    gate.answer(true);
    expect(ran).toEqual([]);
  });
});
