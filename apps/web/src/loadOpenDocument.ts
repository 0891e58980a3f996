import { lazy } from 'react';

/**
 * Tiptap and Yjs are most of the bundle; the other pages do not need them. They are fetched
 * while the workspace page is shown (see WorkspacePage) so opening a document is still instant, and
 * the module is already in memory if the connection drops later.
 */
export const loadOpenDocument = () => import('./OpenDocument');

export const LazyOpenDocument = lazy(() =>
  loadOpenDocument().then((module) => ({ default: module.OpenDocument })),
);
