// A TcpProxy that loses one answer of the central system on purpose: the first chunk from the central
// system that matches a pattern is thrown away and every connection reset at once, as when the route
// dies just after the central system has processed a CALL. The central system has acted on it; the
// charge point never hears so and, for a transaction message, sends it again (OCPP 1.6 §4.10).
// Frames from a server are not masked (RFC 6455 §5.1), so their text can be matched in the raw bytes.
import { TcpProxy } from './tcp_proxy.mjs';

export class AnswerLossProxy extends TcpProxy {
  // Resolves with the text of the dropped chunk once it has happened.
  dropNextAnswer(pattern) {
    this.dropPattern = pattern;
    return new Promise((resolve) => {
      this.onDropped = resolve;
    });
  }

  forward(pair, direction, chunk) {
    if (direction === 'down' && this.dropPattern && this.dropPattern.test(chunk.toString('latin1'))) {
      this.dropPattern = null;
      this.cut();
      this.onDropped(chunk.toString('latin1'));
      return;
    }
    super.forward(pair, direction, chunk);
  }
}
