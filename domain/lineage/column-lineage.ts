// Collects the column-lineage facet of one output dataset: for each output field, the input fields
// it derives from and how. One input field may shape an output in more than one way (a USCC that is
// both kept and used to match); those ways are merged into one entry, as the facet expects.
import { facet, SPEC_URL } from './openlineage-facets.ts';
import type { DatasetRef, Facet, InputField, Transformation } from './openlineage-facets.ts';

export class ColumnLineage {
  private readonly fields = new Map<string, InputField[]>();
  private readonly whole: InputField[] = [];

  /** `output` derives from `input.field` through `how`. */
  add(output: string, input: DatasetRef, field: string, how: Transformation): this {
    const list = this.fields.get(output) ?? [];
    this.fields.set(output, list);
    merge(list, input, field, how);
    return this;
  }

  /** `input.field` decides which rows the output holds (a filter on the whole dataset). */
  affectsAllRows(input: DatasetRef, field: string, how: Transformation): this {
    merge(this.whole, input, field, how);
    return this;
  }

  get empty(): boolean {
    return this.fields.size === 0 && this.whole.length === 0;
  }

  facet(): Facet {
    const fields = Object.fromEntries([...this.fields].map(([name, inputFields]) => {
      const identical = inputFields.length === 1 && inputFields[0]!.transformations.every((t) => t.subtype === 'IDENTITY');
      // The older, field-level description is what some servers (Marquez) still display.
      const described = [...new Set(inputFields.flatMap((i) => i.transformations.map((t) => t.description)))].join('; ');
      return [name, { inputFields, transformationDescription: described, ...(identical ? { transformationType: 'IDENTITY' } : {}) }];
    }));
    return facet(SPEC_URL.columnLineage, { fields, ...(this.whole.length ? { dataset: this.whole } : {}) });
  }
}

function merge(list: InputField[], input: DatasetRef, field: string, how: Transformation): void {
  const hit = list.find((i) => i.namespace === input.namespace && i.name === input.name && i.field === field);
  if (!hit) list.push({ namespace: input.namespace, name: input.name, field, transformations: [how] });
  else if (!hit.transformations.some((t) => t.type === how.type && t.subtype === how.subtype)) hit.transformations.push(how);
}
