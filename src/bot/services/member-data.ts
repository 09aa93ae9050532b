/** A member's own data (`me export`, `me delete`): the rules the command and the Erase button share. */

/** How long the Erase button of `/me delete` stays valid. */
export const DELETE_CONFIRM_MINUTES = 10;
