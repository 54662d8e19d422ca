// The benchmark results as a Markdown table: one row per figure, with its baseline, ratio, target and outcome.

const ms = (value) => `${value} ms`;
const verdict = (pass) => (pass ? "PASS" : "FAIL");
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function coldStartRows({ coldStart, apiCalls }) {
  if (!coldStart) return [];
  const { mediansMs, ratios } = coldStart;
  const baseline = `node -e 0: ${ms(mediansMs["node-e-0"])}`;
  const reference = (label, id) => [label, ms(mediansMs[id]), baseline, `${ratios[id]}x`, "(reference)", ""];
  return [
    [
      "(a) handler delete, spawn to exit",
      ms(mediansMs["handler-delete"]),
      baseline,
      `${coldStart.ratio}x`,
      coldStart.target,
      verdict(coldStart.pass),
    ],
    reference("(a) same source, plain esbuild bundle (before)", "plain-bundle-delete"),
    reference("(a) handler, removalPolicy retain (no API call)", "handler-retain"),
    reference("(a) hand-written signed request, no SDK (floor)", "minimal-request"),
    [
      "(b) API calls per successful delete (the (a) runs: deployed by release 0.1, create mode)",
      `${apiCalls.calls} calls / ${apiCalls.deletes} deletes = ${apiCalls.callsPerDelete}`,
      "",
      "",
      apiCalls.target,
      verdict(apiCalls.pass),
    ],
    ...Object.entries(apiCalls.callsPerMode ?? {}).map(([mode, figures]) => [
      `(b) calls per delete step, ${mode}`,
      `${figures.callsPerDelete} (${figures.deleteKeyPairsPerDelete} DeleteKeyPairs): ${figures.actions.join(", ")}`,
      "",
      "",
      "one DeleteKeyPairs, at most one DescribeKeyPairs",
      verdict(figures.deleteKeyPairsPerDelete === 1 && figures.callsPerDelete <= 2),
    ]),
  ];
}

function nodeLineRows({ nodeLines }) {
  if (!nodeLines) return [];
  return nodeLines.lines.flatMap((line) => [
    [
      `(g) handler delete on Node.js ${line.node} (code cache ${line.codeCache})`,
      ms(line.mediansMs["handler-delete"]),
      `node -e 0 (${line.node}): ${ms(line.mediansMs["node-e-0"])}`,
      `${line.ratio}x`,
      "reported",
      verdict(nodeLines.pass),
    ],
    [
      `(g) same file without its code cache, Node.js ${line.node}`,
      ms(line.mediansMs["handler-delete-without-code-cache"]),
      `node -e 0 (${line.node}): ${ms(line.mediansMs["node-e-0"])}`,
      `${line.ratioWithoutCodeCache}x (with/without: ${line.withToWithoutCodeCache}x` +
        (line.meanCpuMs
          ? `; CPU ${line.meanCpuMs["handler-delete"]} / ${line.meanCpuMs["handler-delete-without-code-cache"]} ms = ${line.withToWithoutCodeCacheCpu}x)`
          : ")"),
      "(reference)",
      "",
    ],
  ]);
}

function destroyRows({ destroyUnderRateLimit: destroy }) {
  if (!destroy) return [];
  return [
    [
      `(c) destroy ${destroy.keyPairs} key pairs, -parallelism=${destroy.parallelism}, ${destroy.rateLimitPerSecond} calls/s`,
      `${destroy.wallSeconds} s, exit ${destroy.destroyExitCode}, left: ${destroy.resourcesLeftInState} in state, ` +
        `${destroy.keyPairsLeftInEmulator} in emulator; ${destroy.throttledResponses} throttled of ${destroy.calls} calls`,
      `ideal ${destroy.neededCalls} calls (${destroy.neededCallsPerKeyPair}/key pair)/R: ${destroy.idealSeconds} s`,
      `${destroy.ratio}x`,
      destroy.target,
      verdict(destroy.pass),
    ],
  ];
}

function concurrentDestroyRows({ concurrentStacksDestroy: destroy }) {
  if (!destroy) return [];
  return [
    [
      `(f) ${destroy.stacks} stacks × ${destroy.keyPairsPerStack} key pairs destroyed at once, ` +
        `-parallelism=${destroy.parallelism} each, ${destroy.rateLimitPerSecond} calls/s for all`,
      `${destroy.wallSeconds} s, exits ${destroy.destroyExitCodes.join("/")}, left: ${destroy.resourcesLeftInState} in state, ` +
        `${destroy.keyPairsLeftInEmulator} in emulator; ${destroy.throttledResponses} throttled of ${destroy.calls} calls`,
      `ideal ${destroy.neededCalls} calls/R: ${destroy.idealSeconds} s`,
      `${destroy.ratio}x`,
      destroy.target,
      verdict(destroy.pass),
    ],
  ];
}

function synthRows({ synthScaling: synth }) {
  if (!synth) return [];
  const rows = synth.sizes.map((size) => [
    `(d) synth N=${size.count} (in process; whole process)`,
    `${ms(size.mediansMs.ens.synthMs)}; ${ms(size.mediansMs.ens.processMs)}`,
    `bare: ${ms(size.mediansMs.bare.synthMs)}; ${ms(size.mediansMs.bare.processMs)} (same JSON by hand: ${ms(size.mediansMs.shape.synthMs)})`,
    `${size.synthRatio}x; ${size.processRatio}x (vs same JSON: ${size.sameShapeRatio}x)`,
    "<= 2x",
    verdict(size.pass),
  ]);
  const { ens, bare } = synth.growth;
  rows.push([
    "(d) growth: slope, R², t(2000)/t(1000)",
    `${ens.slopeMsPerKeyPair} ms/key pair, R² ${ens.rSquared}, ${ens.ratio2000To1000}`,
    `bare: ${bare.slopeMsPerKeyPair} ms/item, R² ${bare.rSquared}, ${bare.ratio2000To1000}`,
    `${(ens.slopeMsPerKeyPair / bare.slopeMsPerKeyPair).toFixed(2)}x (slopes)`,
    "linear (ratio 2)",
    "",
  ]);
  return rows;
}

function planRows({ planScaling: plan }) {
  if (!plan) return [];
  return [
    [
      `(h) terraform plan, ${plan.keyPairs} key pairs (new stack)`,
      ms(plan.mediansMs.ens),
      `${plan.keyPairs} bare terraform_data: ${ms(plan.mediansMs.bare)}`,
      `${plan.ratio}x`,
      plan.target,
      verdict(plan.pass),
    ],
  ];
}

function startupTrickRows({ startupTricks }) {
  if (!startupTricks) return [];
  const { gains, mediansMs } = startupTricks;
  const figure = ({ withoutMs, withMs, ratio }) => `${ms(withoutMs)} → ${ms(withMs)}: ${ratio}x`;
  const { sourceMap } = startupTricks;
  const cost = ({ withoutMs, withMs, ratio }) => `${ms(withoutMs)} → ${ms(withMs)}: ${ratio}x`;
  const sourceMapRow = sourceMap
    ? [
        [
          "(i) handler.js.map (stack traces name lib/ sources): delete / retain, without → with",
          `delete ${cost(sourceMap.delete)}; retain ${cost(sourceMap.retain)}`,
          `node -e 0: ${ms(mediansMs["node -e 0"])}`,
          "",
          "reported",
          "",
        ],
      ]
    : [];
  return Object.entries(gains)
    .map(([trick, gain]) => [
      `(i) start-up trick "${trick}": delete / retain, added (cumulative) and removed (from all)`,
      `delete ${figure(gain.delete.added)}, ${figure(gain.delete.removed)}; ` +
        `retain ${figure(gain.retain.added)}, ${figure(gain.retain.removed)}; ` +
        `handler.js ${gain.bytes.added >= 0 ? "+" : ""}${kib(gain.bytes.added)} / ` +
        `${gain.bytes.removed >= 0 ? "+" : ""}${kib(gain.bytes.removed)}`,
      `node -e 0: ${ms(mediansMs["node -e 0"])}`,
      "",
      `≥ ${1 + startupTricks.keepThreshold}x on one command both ways, or a size gain`,
      verdict(gain.clearGain && startupTricks.pass),
    ])
    .concat(sourceMapRow);
}

function sizeRows({ sizes, history }) {
  if (!sizes) return [];
  const previous = history?.at(-1);
  return [
    [
      "(e) dist/handler/handler.js",
      `${kib(sizes.handlerBytes)}` +
        (sizes.handlerParts
          ? ` (code ${kib(sizes.handlerParts.bundleBytes)}, cache ${kib(sizes.handlerParts.codeCacheBytes)})`
          : "") +
        (sizes.sourceMapBytes ? `; handler.js.map ${kib(sizes.sourceMapBytes)}` : ""),
      sizes.plainBundleBytes ? `plain bundle: ${kib(sizes.plainBundleBytes)}` : "",
      sizes.plainBundleBytes ? `${(sizes.handlerBytes / sizes.plainBundleBytes).toFixed(2)}x` : "",
      "reported",
      "",
    ],
    [
      "(e) npm pack tarball",
      `${kib(sizes.tarballBytes)} (${sizes.tarballFiles} files, ${kib(sizes.unpackedBytes)} unpacked)`,
      previous?.tarballBytes ? `previous run: ${kib(previous.tarballBytes)}` : "",
      previous?.tarballBytes ? `${(sizes.tarballBytes / previous.tarballBytes).toFixed(2)}x` : "",
      "reported",
      "",
    ],
  ];
}

/** The results as a Markdown table. */
export function formatTable(results) {
  const header = ["benchmark", "measured (median)", "baseline (same run)", "ratio", "target", "result"];
  const rows = [
    ...coldStartRows(results),
    ...nodeLineRows(results),
    ...startupTrickRows(results),
    ...destroyRows(results),
    ...concurrentDestroyRows(results),
    ...synthRows(results),
    ...planRows(results),
    ...sizeRows(results),
  ];
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
