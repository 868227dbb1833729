package kvmsh.repl

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import kvmsh.host.SimulatedLinks
import kvmsh.libvirt.LibvirtHypervisor
import org.jline.reader.Candidate
import org.jline.reader.Parser
import org.jline.terminal.Terminal
import org.jline.terminal.impl.DumbTerminal

/**
 * Drives the REPL through JLine on an in-memory dumb terminal against libvirt's test:///default.
 * One fixture is one session: every {@link #type} call goes on where the last one stopped.
 */
class ReplFixture implements Closeable {

    static final String URI = 'test:///default'

    final Path history
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream()
    private final PrintWriter writer = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true)
    final ReplSession session

    ReplFixture(Path history = Files.createTempFile('kvmsh-history', '')) {
        this.history = history
        def connector = { String uri -> LibvirtHypervisor.connect(uri, SimulatedLinks.of(uri)) } as ReplSession.Connector
        session = new ReplSession(connector.apply(URI), connector, new ReplOutput(writer, writer, false))
    }

    /**
     * Types the lines (each ends with Enter) on a fresh in-memory terminal and runs the REPL until
     * the input ends; returns what it printed (prompts, echo and output together).
     */
    String type(String... lines) {
        bytes.reset()
        def input = new ByteArrayInputStream(lines.collect { it + '\n' }.join('').getBytes(StandardCharsets.UTF_8))
        def terminal = new DumbTerminal('test', Terminal.TYPE_DUMB, input, bytes, StandardCharsets.UTF_8)
        try {
            Repl.onTerminal(session, terminal, history, Duration.ofMillis(10)).run()
        } finally {
            terminal.writer().flush()
            terminal.close()
        }
        writer.flush()
        bytes.toString(StandardCharsets.UTF_8)
    }

    /** The values Tab offers with the cursor at the end of {@code buffer}. */
    List<String> complete(String buffer) {
        def line = new EntryParser().parse(buffer, buffer.length(), Parser.ParseContext.COMPLETE)
        List<Candidate> candidates = []
        def terminal = new DumbTerminal('test', Terminal.TYPE_DUMB, new ByteArrayInputStream(new byte[0]), bytes,
                StandardCharsets.UTF_8)
        Repl.onTerminal(session, terminal, history, Duration.ofMillis(10)).completer().complete(null, line, candidates)
        terminal.close()
        // What JLine would keep: candidates that start with the word typed so far.
        candidates*.value().findAll { it.startsWith(line.word().substring(0, line.wordCursor())) }.unique()
    }

    @Override
    void close() {
        session.close()
    }
}
