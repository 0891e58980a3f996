import { EditorPage } from './EditorPage';
import { NotFoundPage } from './NotFoundPage';
import { PageErrorBoundary } from './PageErrorBoundary';
import { parseRoute, usePathname } from './router';
import { StartPage } from './StartPage';

export function App() {
  const route = parseRoute(usePathname());
  switch (route.page) {
    case 'start':
      return <StartPage />;
    case 'editor':
      // A new key per room gives every document a fresh Y.Doc, provider and editor.
      return (
        <PageErrorBoundary key={route.room}>
          <EditorPage room={route.room} />
        </PageErrorBoundary>
      );
    case 'invalid-room':
    case 'not-found':
      return <NotFoundPage reason={route.page} />;
  }
}
