import { QueueName } from './queue-names';
import { selectQueues } from './worker-queue-selection';

describe('selectQueues (WORKER_QUEUES)', () => {
  it('takes every queue when none is named', () => {
    expect(selectQueues([]).sort()).toEqual(Object.values(QueueName).sort());
  });

  it('takes only the named queues', () => {
    expect(selectQueues(['welcome', 'callback-events'])).toEqual([
      QueueName.Welcome,
      QueueName.CallbackEvents,
    ]);
  });

  it('refuses an unknown queue name, naming it', () => {
    expect(() => selectQueues(['welcome', 'welcom'])).toThrow(/unknown queues: welcom \(/);
  });
});
