import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ChangeType, Event, ExternalChatEvent, WecomEventOf } from '../wecom/events/wecom-event';
import {
  CallbackEventHandlerRegistry,
  InboxEvent,
  OnWecomEvent,
  OnWecomEventBatch,
} from './callback-event-handler.registry';

type Add = WecomEventOf<Event.ChangeExternalContact, ChangeType.AddExternalContact>;

@Injectable()
class ContactHandlers {
  readonly seen: string[] = [];
  @OnWecomEvent(Event.ChangeExternalContact, ChangeType.AddExternalContact)
  async one(e: InboxEvent<Add>): Promise<void> {
    this.seen.push(e.payload.ExternalUserID);
  }
  @OnWecomEventBatch(Event.ChangeExternalContact, ChangeType.AddExternalContact)
  async many(events: InboxEvent<Add>[]): Promise<Map<string, Error>> {
    this.seen.push(...events.map((e) => e.payload.ExternalUserID));
    return new Map();
  }
}

@Injectable()
class ChatHandler {
  @OnWecomEvent(Event.ChangeExternalChat)
  async chat(_e: InboxEvent<ExternalChatEvent>): Promise<void> {}
}

@Injectable()
class AnotherChatHandler {
  @OnWecomEvent(Event.ChangeExternalChat, ChangeType.Dismiss)
  async dismiss(_e: InboxEvent<ExternalChatEvent>): Promise<void> {}
}

async function boot(...providers: Array<new (...args: never[]) => unknown>) {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [CallbackEventHandlerRegistry, ...providers],
    }).compile();
    await moduleRef.init();
    const lines = warn.mock.calls.map((c) => String(c[1] ?? c[0]));
    return { registry: moduleRef.get(CallbackEventHandlerRegistry), moduleRef, lines };
  } finally {
    warn.mockRestore();
  }
}

describe('CallbackEventHandlerRegistry (walked at boot)', () => {
  it('finds the decorated methods: one handler object per class, for every change type named', async () => {
    const { registry, moduleRef } = await boot(ContactHandlers, ChatHandler);
    const add = registry.find('change_external_contact/add_external_contact');
    expect(add?.handle).toBeDefined();
    expect(add?.handleBatch).toBeDefined();
    // no change type named: all of the event's
    const chat = registry.find('change_external_chat/update');
    expect(chat).toBe(registry.find('change_external_chat/dismiss'));
    expect(registry.find('change_external_contact/edit_external_contact')).toBeUndefined();
    await add!.handleBatch!([{ payload: { ExternalUserID: 'wm1' } } as never]);
    expect(moduleRef.get(ContactHandlers).seen).toEqual(['wm1']);
  });

  it('reports every documented event type without a handler at boot, one warning each', async () => {
    const { lines } = await boot(ContactHandlers, ChatHandler);
    const unhandled = lines.filter((l) => l.startsWith('no handler for WeCom event'));
    expect(unhandled).toContain(
      'no handler for WeCom event change_external_contact/edit_external_contact: such events are stored and skipped',
    );
    expect(unhandled).toContain(
      'no handler for WeCom event change_contact/update_tag: such events are stored and skipped',
    );
    expect(unhandled.some((l) => l.includes('add_external_contact:'))).toBe(false);
    expect(unhandled.some((l) => l.includes('change_external_chat/'))).toBe(false);
    // 7 contact + 3 chat + 4 tag + 7 address-book types, 4 handled
    expect(unhandled).toHaveLength(21 - 4);
  });

  it('refuses two classes handling the same event type', async () => {
    await expect(boot(ChatHandler, AnotherChatHandler)).rejects.toThrow(
      /two handlers for WeCom event change_external_chat\/dismiss: ChatHandler\.chat, AnotherChatHandler\.dismiss/,
    );
  });
});
