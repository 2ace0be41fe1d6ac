/** Markup and script payloads; each one that ran sets window.__xss or opens a dialog. */
export const XSS_PAYLOADS = [
  `<img src=x onerror=window.__xss=1>`,
  `"><script>window.__xss=2</script>`,
  `javascript:window.__xss=3`,
  `<svg onload=window.__xss=4>`,
  `'><iframe srcdoc="<script>parent.__xss=5</script>">`,
  `<a href="javascript:window.__xss=6">x</a><details open ontoggle=alert(7)>`,
  `{{constructor.constructor('window.__xss=8')()}}`,
];

type Json = Record<string, unknown>;

/**
 * The example with a payload in every text a user can type: pipeline name, description, tags and
 * a parameter default; step names; environment values and keys; hyperparameter keys and values;
 * metric names and regexes; URIs; inline file names and contents. Ids and edges stay as they were,
 * so the design loads and every panel has something to render.
 */
export function poisonDesign(example: Json): Json {
  const design = structuredClone(example) as {
    pipeline: Json & { parameters: Json[]; tags: Record<string, string> };
    steps: { id: string; name: string; type: string; config: Json }[];
  };
  const at = (index: number) => XSS_PAYLOADS[index % XSS_PAYLOADS.length]!;
  design.pipeline.name = at(0);
  design.pipeline.description = at(1);
  design.pipeline.tags = { [at(2)]: at(3) };
  design.pipeline.parameters.push({ name: "XssParameter", type: "String", default: at(4) });
  design.steps.forEach((step, index) => {
    step.name = at(index + 5);
    const config = step.config;
    config.env = { XSS_ENV: at(index), [at(index + 1)]: at(index + 2) };
    const code = config.code as { files?: Record<string, string> } | undefined;
    if (code?.files)
      code.files[`${at(index + 3)}.py`] = `# ${at(index + 4)}\nprint("${at(index)}")\n`;
    if (step.type === "DataLoad") config.inputDataUri = at(2);
    if (step.type.endsWith("Training")) {
      config.hyperparameters = {
        ...(config.hyperparameters as Json),
        [at(index)]: at(index + 1),
        xss_value: at(index + 2),
      };
      config.metricDefinitions = XSS_PAYLOADS.map((payload, n) => ({
        name: payload,
        regex: `${at(n + 1)}=([0-9.]+)`,
      }));
      config.outputPath = at(2);
    }
  });
  return design as unknown as Json;
}
