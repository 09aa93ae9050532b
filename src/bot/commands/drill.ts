import { z } from "zod";
import { defineCommand } from "../command.js";
import { usage } from "../command-ref.js";
import { levelArg } from "./args.js";
import { askDrill } from "../services/drill.js";

export default defineCommand({
  name: "drill",
  summary: "A back-of-envelope estimation drill, judged within tolerance",
  usage: [usage("drill", { level: "1-3" })],
  args: z.object({
    level: levelArg.optional(),
  }),
  run: (ctx) => askDrill(ctx, ctx.args.level),
});
