/** Room names travel in URLs (/d/<room>, /sync/<room>), so only URL-safe characters are allowed. */
const roomPattern = /^[A-Za-z0-9._-]{1,128}$/;

export function isValidRoomName(room: string): boolean {
  // "." and ".." match the pattern but are path segments a URL parser resolves away.
  return roomPattern.test(room) && room !== '.' && room !== '..';
}
