import { z } from "zod";
import { defineCommand } from "../command.js";
import { askDrill } from "../services/drill.js";

export default defineCommand({
  name: "drill",
  summary: "A back-of-envelope estimation drill, judged within tolerance",
  usage: "/drill [level 1-3]",
  args: z.object({
    level: z.coerce.number({ message: "level must be 1, 2 or 3" }).int("level must be 1, 2 or 3")
      .min(1, "level must be 1, 2 or 3").max(3, "level must be 1, 2 or 3").optional(),
  }),
  run: (ctx) => askDrill(ctx, ctx.args.level as 1 | 2 | 3 | undefined),
});
