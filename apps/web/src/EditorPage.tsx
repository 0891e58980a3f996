import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { LazyOpenDocument } from './loadOpenDocument';
import { StartPage } from './StartPage';
import { useUserIdentity } from './userIdentity';

export function EditorPage({ room }: { room: string }) {
  const { t } = useTranslation();
  const user = useUserIdentity();
  // Others must see who is typing, so a shared link first asks for a name.
  if (user.name === '') return <StartPage joiningRoom={room} />;
  return (
    <Suspense
      fallback={
        <AppShell mainClassName="editor-page">
          <p className="loading">{t('editor.loading')}</p>
        </AppShell>
      }
    >
      <LazyOpenDocument room={room} user={user} />
    </Suspense>
  );
}
