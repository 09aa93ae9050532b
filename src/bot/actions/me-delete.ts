import { defineAction } from "../command.js";
import { UserError } from "../errors.js";
import { privateReply, text } from "../reply.js";
import { DELETE_CONFIRM_MINUTES } from "../services/member-data.js";
import { erasedReply } from "../views/me.js";

/** The Erase / Cancel buttons of `/me delete`. Only the member who asked, within the time limit, erases. */
export default defineAction({
  type: "me.delete",
  erasesMember: true,
  async run({ args, member, deps }) {
    // A button from someone else's prompt, or from before an earlier erase (ids are never reused).
    if (args.memberId !== member.id) throw new UserError("me.deleteNotYours");
    if (!args.confirm) return privateReply("Nothing erased", [text("Cancelled: your data stays as it is.")]);
    if (deps.clock.now().getTime() - args.issuedAt > DELETE_CONFIRM_MINUTES * 60_000) {
      throw new UserError("me.deleteExpired", { minutes: DELETE_CONFIRM_MINUTES });
    }
    // The model's cache and call count for the member live in memory, not in a table (issue 20).
    deps.model?.forget(member.id);
    return erasedReply(await deps.memberData.erase(member));
  },
});
