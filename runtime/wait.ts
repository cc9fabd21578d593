// Polls until a probe answers true or the time is up. Used for every service we start, because a
// loaded 2-core machine can take far longer than a library's built-in few seconds.
// Each probe gets its own time limit: a probe that hangs (a connection accepted by a server still
// starting, never answered) must not hang the wait.
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 250, probeTimeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const limit = new Promise<boolean>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`probe took over ${probeTimeoutMs} ms`)), probeTimeoutMs);
      });
      if (await Promise.race([probe(), limit])) return;
    } catch (e) {
      lastError = e;
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`等待 ${what} 超时（${Math.round(timeoutMs / 1000)} 秒）/ timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
