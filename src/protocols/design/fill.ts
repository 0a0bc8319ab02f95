/**
 * Fills an archetype text's {placeholders} with the engine's numbers: base quantities and
 * parameters from the quantities, `size.<component>` and `input.<component>.<input>` from the tier
 * plan. The catalogue was checked at build time to name only these, so a name that does not
 * resolve here is a bug, not bad input.
 */
import type { Quantities } from './quantities.js';
import { formatQuantity } from './quantities.js';
import type { TierPlan } from './tier-plan.js';

export function fillText(text: string, quantities: Quantities, plan: TierPlan): string {
  return text.replace(/\{([a-z][a-z0-9_.-]*)\}/g, (_, name: string) => {
    if (name === 'key') return `\`${quantities.text.key}\``;
    const [head, component, input] = name.split('.');
    if (head === 'size' && component !== undefined) {
      return plan.get(component)?.tier.result ?? 'none in this design';
    } else if (head === 'input' && component !== undefined && input !== undefined) {
      const value = quantities.input(component, input);
      if (value) return formatQuantity(value.value, value.kind);
    } else {
      const quantity = quantities.get(name);
      if (quantity) return formatQuantity(quantity.value, quantity.kind);
    }
    throw new Error(`the archetype text names {${name}}, which nothing computed`);
  });
}
