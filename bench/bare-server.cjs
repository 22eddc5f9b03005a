// The floor: a bare node process (CommonJS, the cheapest entry) that answers `initialize` by hand,
// with nothing imported. Any request gets an empty result.
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl = buf.indexOf('\n');
  while (nl >= 0) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    const msg = JSON.parse(line);
    if (msg.id !== undefined) {
      const result =
        msg.method === 'initialize'
          ? {
              protocolVersion: msg.params.protocolVersion,
              capabilities: {},
              serverInfo: { name: 'bare', version: '0' },
            }
          : {};
      process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: msg.id, result })}\n`);
    }
    nl = buf.indexOf('\n');
  }
});
