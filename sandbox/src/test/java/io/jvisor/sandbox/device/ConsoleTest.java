package io.jvisor.sandbox.device;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTest {

    private static final Charset CS = Charset.defaultCharset();

    /** A host stream over memory, like the host's System.out. */
    private static final class Host {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, CS);

        String text() {
            stream.flush();
            return bytes.toString(CS);
        }
    }

    private static InputStream input(String s) {
        return new ByteArrayInputStream(s.getBytes(CS));
    }

    private static String repeat(char c, int n) {
        char[] a = new char[n];
        Arrays.fill(a, c);
        return new String(a);
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void nullArgumentsAreRejected() {
        Host h = new Host();
        InputStream in = InputStream.nullInputStream();
        assertThrows(NullPointerException.class, () -> new Console(null, Console.Mode.PREFIX, h.stream, h.stream, in));
        assertThrows(NullPointerException.class, () -> new Console("g", null, h.stream, h.stream, in));
        assertThrows(NullPointerException.class, () -> new Console("g", Console.Mode.PREFIX, null, h.stream, in));
        assertThrows(NullPointerException.class, () -> new Console("g", Console.Mode.PREFIX, h.stream, null, in));
        assertThrows(NullPointerException.class, () -> new Console("g", Console.Mode.PREFIX, h.stream, h.stream, null));
    }

    @Test
    void discardingStreamSwallowsEverything() {
        PrintStream d = Console.discarding();
        d.println("nothing");
        assertFalse(d.checkError());
        assertSame(d, Console.discarding());
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    class Capture {

        @Test
        void collectsOutAndErrSeparately() {
            Host hostOut = new Host();
            Host hostErr = new Host();
            Console c = new Console("g", Console.Mode.CAPTURE, hostOut.stream, hostErr.stream, InputStream.nullInputStream());
            assertEquals(Console.Mode.CAPTURE, c.mode());
            assertEquals("", c.capturedOut());
            assertEquals("", c.capturedErr());

            c.out().print("out 1\n");
            c.err().print("err 1\n");
            c.out().print("out 2, no newline");
            c.err().write('!');

            assertEquals("out 1\nout 2, no newline", c.capturedOut());
            assertEquals("err 1\n!", c.capturedErr());
            // nothing reaches the host
            assertEquals("", hostOut.text());
            assertEquals("", hostErr.text());
        }

        @Test
        void capturesNonAsciiText() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.CAPTURE, h.stream, h.stream, InputStream.nullInputStream());
            String s = "Größe ✓";
            c.out().print(s);
            // the default charset must round-trip what the guest printed
            assertEquals(new String(s.getBytes(CS), CS), c.capturedOut());
        }

        @Test
        void capturesOnlyTheInitialStreams() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.CAPTURE, h.stream, h.stream, InputStream.nullInputStream());
            PrintStream initial = c.out();
            c.out().print("before ");
            Host replacement = new Host();
            c.setOut(replacement.stream);
            c.out().print("after");
            initial.print("via the initial stream");
            assertEquals("before via the initial stream", c.capturedOut());
            assertEquals("after", replacement.text());
        }

        @Test
        void flushKeepsCapturing() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.CAPTURE, h.stream, h.stream, InputStream.nullInputStream());
            c.out().print("a");
            c.flush();
            c.out().print("b");
            assertEquals("ab", c.capturedOut());
        }

        @Test
        void capturedInputIsTheGivenInput() {
            Host h = new Host();
            InputStream in = input("x");
            Console c = new Console("g", Console.Mode.CAPTURE, h.stream, h.stream, in);
            assertSame(in, c.in());
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    class Inherit {

        @Test
        void returnsExactlyTheHostStreamsGiven() {
            Host hostOut = new Host();
            Host hostErr = new Host();
            InputStream in = input("typed");
            Console c = new Console("g", Console.Mode.INHERIT, hostOut.stream, hostErr.stream, in);
            assertEquals(Console.Mode.INHERIT, c.mode());
            assertSame(hostOut.stream, c.out());
            assertSame(hostErr.stream, c.err());
            assertSame(in, c.in());

            c.out().print("plain\n");
            c.err().print("error\n");
            assertEquals("plain\n", hostOut.text());
            assertEquals("error\n", hostErr.text());
        }

        @Test
        void capturedOutputIsNotAvailable() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.INHERIT, h.stream, h.stream, InputStream.nullInputStream());
            IllegalStateException out = assertThrows(IllegalStateException.class, c::capturedOut);
            assertTrue(out.getMessage().contains("INHERIT"), out.getMessage());
            assertThrows(IllegalStateException.class, c::capturedErr);
        }

        @Test
        void flushDoesNotCloseTheHostStreams() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.INHERIT, h.stream, h.stream, InputStream.nullInputStream());
            c.out().print("a");
            c.flush();
            h.stream.print("b");
            assertFalse(h.stream.checkError());
            assertEquals("ab", h.text());
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    class Replacing {

        @Test
        void setOutSetErrSetInReplaceOnlyThisConsolesStreams() {
            Host hostOut = new Host();
            Host hostErr = new Host();
            InputStream hostIn = input("host input");
            for (Console.Mode mode : Console.Mode.values()) {
                Console mine = new Console("mine", mode, hostOut.stream, hostErr.stream, hostIn);
                Console other = new Console("other", mode, hostOut.stream, hostErr.stream, hostIn);
                PrintStream otherOut = other.out();
                PrintStream otherErr = other.err();
                PrintStream myErr = mine.err();
                InputStream myIn = mine.in();

                Host newOut = new Host();
                mine.setOut(newOut.stream);
                assertSame(newOut.stream, mine.out(), mode.name());
                assertSame(myErr, mine.err(), mode + ": setOut must not touch err");
                assertSame(myIn, mine.in(), mode + ": setOut must not touch in");

                Host newErr = new Host();
                mine.setErr(newErr.stream);
                assertSame(newErr.stream, mine.err(), mode.name());

                InputStream newIn = input("guest input");
                mine.setIn(newIn);
                assertSame(newIn, mine.in(), mode.name());

                // the other console and the host streams are untouched
                assertSame(otherOut, other.out(), mode.name());
                assertSame(otherErr, other.err(), mode.name());
                assertSame(hostIn, other.in(), mode.name());
                assertNotSame(newOut.stream, other.out(), mode.name());

                mine.out().print("to the replacement");
                assertEquals("to the replacement", newOut.text(), mode.name());
            }
            // nothing was written to the host streams through the replaced streams
            assertEquals("", hostOut.text());
            assertEquals("", hostErr.text());
        }

        @Test
        void replacingDoesNotTouchTheJvmsStandardStreams() {
            PrintStream sysOut = System.out;
            PrintStream sysErr = System.err;
            InputStream sysIn = System.in;
            Console c = new Console("g", Console.Mode.INHERIT, sysOut, sysErr, sysIn);
            c.setOut(new Host().stream);
            c.setErr(new Host().stream);
            c.setIn(InputStream.nullInputStream());
            assertSame(sysOut, System.out);
            assertSame(sysErr, System.err);
            assertSame(sysIn, System.in);
        }

        @Test
        void nullIsAcceptedAsSystemSetOutAcceptsIt() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            c.setOut(null);
            c.setErr(null);
            c.setIn(null);
            assertNull(c.out());
            assertNull(c.err());
            assertNull(c.in());
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    class Prefix {

        @Test
        void linesAreLabelled() {
            Host hostOut = new Host();
            Host hostErr = new Host();
            Console c = new Console("guest-1", Console.Mode.PREFIX, hostOut.stream, hostErr.stream, InputStream.nullInputStream());
            assertEquals(Console.Mode.PREFIX, c.mode());
            assertNotSame(hostOut.stream, c.out());
            c.out().print("first\nsecond\n");
            c.out().print("\n");
            c.err().print("oops\n");
            assertEquals("[guest-1] first\n[guest-1] second\n[guest-1] \n", hostOut.text());
            assertEquals("[guest-1] oops\n", hostErr.text());
            assertThrows(IllegalStateException.class, c::capturedOut);
            assertThrows(IllegalStateException.class, c::capturedErr);
        }

        @Test
        void partialLineIsHeldUntilNewline() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            c.out().print("hel");
            c.out().flush();
            assertEquals("", h.text(), "a partial line is held");
            c.out().print("lo");
            c.out().write('\n');
            assertEquals("[g] hello\n", h.text());
        }

        @Test
        void partialLineIsCompletedByFlushAtTheEnd() {
            Host hostOut = new Host();
            Host hostErr = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, hostOut.stream, hostErr.stream, InputStream.nullInputStream());
            c.out().print("done\nno newline");
            c.err().print("half");
            assertEquals("[g] done\n", hostOut.text());
            assertEquals("", hostErr.text());
            c.flush();
            assertEquals("[g] done\n[g] no newline\n", hostOut.text());
            assertEquals("[g] half\n", hostErr.text());
            // a second flush adds nothing, and the host streams stay open
            c.flush();
            assertEquals("[g] done\n[g] no newline\n", hostOut.text());
            hostOut.stream.print("host");
            assertFalse(hostOut.stream.checkError());
            assertEquals("[g] done\n[g] no newline\nhost", hostOut.text());
        }

        @Test
        void flushWithNothingPendingWritesNothing() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            c.out().print("line\n");
            c.flush();
            assertEquals("[g] line\n", h.text());
        }

        @Test
        void crlfLinesStayWhole() {
            Host h = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            c.out().print("a\r\nb\r\n");
            assertEquals("[g] a\r\n[g] b\r\n", h.text());
        }

        @Test
        void lineLongerThanTheLimitIsCutAndEachPieceLabelled() {
            int max = LabelledLines.MAX_LINE;
            assertEquals(8192, max);
            Host h = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            String a = repeat('a', max);
            String b = repeat('b', max);
            String tail = repeat('c', 100);
            c.out().print(a + b + tail + "\n");
            c.out().print("next\n");
            assertEquals(runs("[g] " + a + "\n[g] " + b + "\n[g] " + tail + "\n[g] next\n"), runs(h.text()));
        }

        @Test
        void lineOneByteLongerThanTheLimit() {
            int max = LabelledLines.MAX_LINE;
            Host h = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            String a = repeat('a', max);
            c.out().print(a + "z\n");
            assertEquals(runs("[g] " + a + "\n[g] z\n"), runs(h.text()));
        }

        @Test
        void longPartialLineIsCutThenCompletedByFlush() {
            int max = LabelledLines.MAX_LINE;
            Host h = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            String a = repeat('a', max);
            c.out().print(a + "rest");
            assertEquals(runs("[g] " + a + "\n"), runs(h.text()));
            c.flush();
            assertEquals(runs("[g] " + a + "\n[g] rest\n"), runs(h.text()));
        }

        /**
         * A line of exactly {@link LabelledLines#MAX_LINE} bytes is not longer than the limit: it
         * must come out as one labelled line, with no empty labelled line after it that the guest
         * never wrote.
         */
        @Test
        void lineOfExactlyTheLimitIsOneLine() {
            int max = LabelledLines.MAX_LINE;
            Host h = new Host();
            Console c = new Console("g", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            String a = repeat('a', max);
            c.out().print(a + "\n");
            c.out().print("next\n");
            assertEquals(runs("[g] " + a + "\n[g] next\n"), runs(h.text()));
        }

        @Test
        void twoConsolesOnOneHostStreamKeepTheirLabelsAndLines() {
            Host h = new Host();
            Console a = new Console("a", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            Console b = new Console("b", Console.Mode.PREFIX, h.stream, h.stream, InputStream.nullInputStream());
            a.out().print("one ");
            b.out().print("two\n");
            a.out().print("three\n");
            b.err().print("four\n");
            assertEquals("[b] two\n[a] one three\n[b] four\n", h.text());
        }

        @Test
        @Timeout(value = 60, unit = TimeUnit.SECONDS)
        void concurrentGuestsNeverInterleaveWithinALine() throws Exception {
            Host host = new Host();
            String[] labels = {"alpha", "beta"};
            Console[] consoles = new Console[labels.length];
            for (int i = 0; i < labels.length; i++) {
                // out and err of both consoles all go to the one shared host stream
                consoles[i] = new Console(labels[i], Console.Mode.PREFIX, host.stream, host.stream, InputStream.nullInputStream());
            }
            int threadsPerConsole = 4;
            int linesPerThread = 1000;
            // long-ish lines written in several pieces make interleaving likely if the locking is wrong
            String payload = repeat('x', 150);

            ExecutorService pool = Executors.newFixedThreadPool(labels.length * threadsPerConsole);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            try {
                for (int ci = 0; ci < labels.length; ci++) {
                    Console console = consoles[ci];
                    String label = labels[ci];
                    for (int t = 0; t < threadsPerConsole; t++) {
                        int thread = t;
                        futures.add(pool.submit((Callable<Void>) () -> {
                            start.await();
                            for (int n = 0; n < linesPerThread; n++) {
                                PrintStream ps = n % 3 == 0 ? console.err() : console.out();
                                String line = label + "-t" + thread + "-" + n + " " + payload;
                                if (n % 2 == 0) {
                                    ps.println(line);
                                } else {
                                    // one write of several lines' worth of bytes at once
                                    ps.print(line + "\n");
                                }
                            }
                            return null;
                        }));
                    }
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdown();
                assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            }
            for (Console c : consoles) {
                c.flush();
            }

            String text = host.text();
            String nl = System.lineSeparator();
            List<String> lines = Arrays.asList(text.split("\n", -1));
            assertEquals("", lines.get(lines.size() - 1), "output ends with a newline");
            lines = lines.subList(0, lines.size() - 1);

            Pattern shape = Pattern.compile("\\[(alpha|beta)\\] (alpha|beta)-t(\\d+)-(\\d+) " + payload
                    + Pattern.quote(nl.equals("\r\n") ? "\r" : ""));
            Map<String, Integer> perLabel = new HashMap<>();
            List<String> seen = new ArrayList<>();
            for (String line : lines) {
                Matcher m = shape.matcher(line);
                assertTrue(m.matches(), "interleaved or mangled line: " + abbreviate(line));
                assertEquals(m.group(1), m.group(2), "line labelled by the wrong guest: " + abbreviate(line));
                // exactly one label per line
                int labelsInLine = count(line, "[alpha] ") + count(line, "[beta] ");
                assertEquals(1, labelsInLine, abbreviate(line));
                perLabel.merge(m.group(1), 1, Integer::sum);
                seen.add(m.group(2) + "-t" + m.group(3) + "-" + m.group(4));
            }

            int expectedPerLabel = threadsPerConsole * linesPerThread;
            assertEquals(labels.length * expectedPerLabel, lines.size());
            for (String label : labels) {
                assertEquals(expectedPerLabel, perLabel.getOrDefault(label, 0), label);
            }
            // every line written appears exactly once
            List<String> expected = new ArrayList<>();
            for (String label : labels) {
                for (int t = 0; t < threadsPerConsole; t++) {
                    for (int n = 0; n < linesPerThread; n++) {
                        expected.add(label + "-t" + t + "-" + n);
                    }
                }
            }
            Collections.sort(expected);
            Collections.sort(seen);
            assertEquals(expected, seen);
        }

        @Test
        @Timeout(value = 60, unit = TimeUnit.SECONDS)
        void linesOfOneThreadKeepTheirOrder() throws Exception {
            Host host = new Host();
            Console a = new Console("a", Console.Mode.PREFIX, host.stream, host.stream, InputStream.nullInputStream());
            Console b = new Console("b", Console.Mode.PREFIX, host.stream, host.stream, InputStream.nullInputStream());
            int n = 2000;
            Thread ta = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    a.out().print(i + "\n");
                }
            });
            Thread tb = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    b.out().print(i + "\n");
                }
            });
            ta.start();
            tb.start();
            ta.join();
            tb.join();
            int nextA = 0;
            int nextB = 0;
            for (String line : host.text().split("\n")) {
                if (line.startsWith("[a] ")) {
                    assertEquals(String.valueOf(nextA++), line.substring(4));
                } else {
                    assertTrue(line.startsWith("[b] "), line);
                    assertEquals(String.valueOf(nextB++), line.substring(4));
                }
            }
            assertEquals(n, nextA);
            assertEquals(n, nextB);
        }
    }

    /** Text with long runs of one character shortened to {@code <8192 x 'a'>}, for readable failures. */
    private static String runs(String s) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && s.charAt(j) == s.charAt(i)) {
                j++;
            }
            if (j - i > 16) {
                sb.append('<').append(j - i).append(" x '").append(s.charAt(i)).append("'>");
            } else {
                sb.append(s, i, j);
            }
            i = j;
        }
        return sb.toString().replace("\r", "\\r").replace("\n", "\\n");
    }

    private static int count(String s, String sub) {
        int count = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            count++;
        }
        return count;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
