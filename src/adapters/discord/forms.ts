/**
 * The core's "answer in a form" block on Discord: a button that opens a modal. The modal's
 * custom_id is the form's action id, so its submit becomes a `submit` event for that action.
 * The button's custom_id carries a marker too: a click must open the modal (rather than run an
 * action) even after a restart, when nothing is remembered.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal
 */
import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from "discord.js";
import type { Block } from "../../bot/reply.js";
import { LIMITS, trim } from "./limits.js";

type FormBlock = Extract<Block, { kind: "form" }>;

const FORM_MARK = "form>";
/** A form used again and again (a mock's Answer): its button stays enabled after a submit. */
const REUSABLE_FORM_MARK = "form*>";
const GENERIC_LABEL = "Your answer";

/** The text input's id inside the modal; the value arrives as `args.text`. */
export const ANSWER_INPUT_ID = "answer";

export function formButtonId(action: string, o: { reusable?: boolean } = {}): string {
  const id = `${o.reusable ? REUSABLE_FORM_MARK : FORM_MARK}${action}`;
  if (id.length > LIMITS.customId) throw new RangeError(`form action id too long for a Discord custom_id: ${action}`);
  return id;
}

/** The action of a form button, or undefined when the custom_id is an ordinary action. */
export const formActionOf = (customId: string): string | undefined =>
  [FORM_MARK, REUSABLE_FORM_MARK].map((m) => (customId.startsWith(m) ? customId.slice(m.length) : undefined)).find(Boolean);

/**
 * The forms rendered recently, so the modal shows the question's own title and label. After a
 * restart a click still opens a modal, with a generic label.
 */
export class FormMemory {
  private readonly forms = new Map<string, FormBlock>();
  constructor(private readonly capacity = 10_000) {}

  remember(form: FormBlock): void {
    this.forms.delete(form.action);
    this.forms.set(form.action, form);
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.forms.size > this.capacity) this.forms.delete(this.forms.keys().next().value!);
  }

  /**
   * The modal of a form. A label holds 45 characters; a longer one (a question) is shown whole in
   * a Text Display above the input (4,000 characters), and the input is labelled "Your answer".
   * https://discord.com/developers/docs/components/reference#text-display
   */
  modalFor(action: string): APIModalInteractionResponseCallbackData {
    const form = this.forms.get(action);
    const asked = form?.inputLabel.trim() || GENERIC_LABEL;
    const fits = asked.length <= LIMITS.labelText;
    return {
      custom_id: action,
      title: trim(form?.title ?? GENERIC_LABEL, LIMITS.modalTitle),
      components: [...(fits ? [] : [{ type: ComponentType.TextDisplay as const, content: trim(asked, LIMITS.textDisplay) }]), {
        type: ComponentType.Label,
        label: fits ? asked : GENERIC_LABEL,
        component: {
          type: ComponentType.TextInput,
          custom_id: ANSWER_INPUT_ID,
          style: TextInputStyle.Paragraph,
          required: true,
          min_length: 1,
          max_length: Math.min(form?.maxLength ?? LIMITS.textInput, LIMITS.textInput),
        },
      }],
    };
  }
}
