import { EditorPage } from './EditorPage';
import { NotFoundPage } from './NotFoundPage';
import { parseRoute, usePathname } from './router';
import { StartPage } from './StartPage';

export function App() {
  const route = parseRoute(usePathname());
  switch (route.page) {
    case 'start':
      return <StartPage />;
    case 'editor':
      // A new key per room gives every document a fresh Y.Doc, provider and editor.
      return <EditorPage key={route.room} room={route.room} />;
    case 'invalid-room':
    case 'not-found':
      return <NotFoundPage reason={route.page} />;
  }
}
