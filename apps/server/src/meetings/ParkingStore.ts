import type { ParkingScope, ParkingStatus, ThemeId } from '@akkoord/domain';

export interface ParkingRecord {
  id: string;
  workspaceId: string;
  meetingId: string | null;
  title: string;
  note: string;
  scope: ParkingScope;
  theme: ThemeId | null;
  threadId: string | null;
  status: ParkingStatus;
  createdBy: string;
  /** The creator's account name now. */
  createdByName: string;
  createdAt: number;
}

export type NewParkingItem = Omit<ParkingRecord, 'createdByName' | 'status'>;

export type ParkingChange = Partial<
  Pick<ParkingRecord, 'title' | 'note' | 'scope' | 'theme' | 'status'>
>;

/** The parking lot of a workspace, across its meetings (MEET-6). */
export interface ParkingStore {
  /** Open items first, then oldest first. */
  items(workspaceId: string): Promise<ParkingRecord[]>;
  item(workspaceId: string, itemId: string): Promise<ParkingRecord | null>;
  create(item: NewParkingItem): Promise<void>;
  update(itemId: string, change: ParkingChange): Promise<void>;
}
