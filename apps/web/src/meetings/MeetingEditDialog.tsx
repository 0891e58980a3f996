import type { MeetingDto, WorkspaceDto } from '@akkoord/domain';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../Dialog';
import { MeetingPlanForm } from './MeetingPlanForm';

interface MeetingEditDialogProps {
  workspace: WorkspaceDto;
  /** A planned meeting (the agenda can only change before the meeting starts). */
  meeting: MeetingDto;
  onClose: () => void;
  onSaved: (meeting: MeetingDto) => void;
}

/**
 * The facilitator edits a planned meeting: the plan form, filled in, in a dialog. Closing it
 * returns focus to the "edit" button that opened it.
 */
export function MeetingEditDialog({
  workspace,
  meeting,
  onClose,
  onSaved,
}: MeetingEditDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('meetings.edit.title', { title: meeting.title })} onClose={onClose} wide>
      <MeetingPlanForm
        workspace={workspace}
        meeting={meeting}
        onPlanned={onSaved}
        onCancel={onClose}
      />
    </Dialog>
  );
}
