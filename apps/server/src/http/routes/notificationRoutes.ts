import { Router } from 'express';
import { NotificationListQuery, NotificationPreferencesBody } from '@akkoord/domain';
import type { NotificationService } from '../../notifications/NotificationService';
import { requireUser } from '../session';
import { validate } from '../validate';

/** The caller's own inbox and e-mail choice; nobody can read or change anyone else's. */
export function notificationRoutes(notifications: NotificationService): Router {
  const r = Router();

  r.get('/notifications', async (req, res) => {
    const user = requireUser(req);
    res.json(await notifications.list(user.id, validate(NotificationListQuery, req.query)));
  });

  r.post('/notifications/read-all', async (req, res) => {
    res.json(await notifications.markAllRead(requireUser(req).id));
  });

  r.post('/notifications/:id/read', async (req, res) => {
    res.json(await notifications.markRead(requireUser(req).id, String(req.params.id)));
  });

  r.get('/me/notification-preferences', async (req, res) => {
    res.json({ preferences: await notifications.preferences(requireUser(req).id) });
  });

  r.put('/me/notification-preferences', async (req, res) => {
    const user = requireUser(req);
    const body = validate(NotificationPreferencesBody, req.body);
    res.json({ preferences: await notifications.setPreferences(user.id, body) });
  });

  return r;
}
