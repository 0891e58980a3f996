export type NotificationKind = 'mention' | 'reply' | 'waiting-on';
export interface NotificationEvent {
  userId: string;
  workspaceId: string;
  documentId: string;
  kind: NotificationKind;
  threadId?: string;
  clauseId?: string;
  actorId: string;
  excerpt: string;
}
export interface Notifier {
  notify(events: readonly NotificationEvent[]): void;
}
export const silentNotifier: Notifier = { notify: () => undefined };
