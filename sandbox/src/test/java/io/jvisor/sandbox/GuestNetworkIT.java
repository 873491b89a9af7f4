package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's "VMs communicate over the network": guests of one hypervisor reach each other by
 * name ({@code NAME.jvisor}, on loopback), under the default preset, and nothing else.
 */
class GuestNetworkIT {

    private static final Duration READY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Path jar(String property) {
        return Path.of(System.getProperty(property));
    }

    private GuestSpec.Builder guest(String name, Path jar, String... args) {
        return GuestSpec.builder(name).classPath(jar).args(List.of(args)).console(Console.Mode.CAPTURE)
                .disk(dir.resolve(name));
    }

    /** A port nobody listens on now. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aGuestCallsAServerGuestByItsName() throws Exception {
        int port = freePort();
        Hypervisor h = Hypervisor.get();
        Guest server = h.start(guest("echo", jar("sample.hello"), "--serve=" + port).build());
        assertTrue(server.awaitPort(port, READY), () -> "the server guest listens: " + server.console().capturedErr());

        Guest client = h.start(guest("caller", jar("sample.hello"), "--call=echo.jvisor:" + port + "=hi").build());
        GuestResult called = client.await();
        GuestResult served = server.await();

        assertAll(client.console().capturedOut() + client.console().capturedErr(),
                () -> assertEquals(0, called.exitStatus()),
                () -> assertTrue(client.console().capturedOut().contains("echo.jvisor answered: echo: hi")),
                () -> assertEquals(0, served.exitStatus()),
                () -> assertTrue(server.console().capturedOut().contains("served one client on port " + port)));
    }

    @Test
    void aNameWithoutARunningGuestOrAPortItsGuestDoesNotListenOnIsRefused() throws Exception {
        int port = freePort();
        Hypervisor h = Hypervisor.get();
        Guest server = h.start(guest("echo2", jar("sample.hello"), "--serve=" + port).build());
        assertTrue(server.awaitPort(port, READY), () -> "the server guest listens: " + server.console().capturedErr());
        GuestResult hostPort;
        Guest prober;
        // the test JVM listens here, outside every guest: a guest's name does not lead there
        try (ServerSocket host = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            prober = h.start(guest("prober", jar("sample.hello"), "--call=echo2.jvisor:" + host.getLocalPort() + "=hi").build());
            hostPort = prober.await();
        }
        Guest lost = h.start(guest("lost", jar("sample.hello"), "--call=nobody.jvisor:" + port + "=hi").build());
        GuestResult unknown = lost.await();
        h.run(guest("finisher", jar("sample.hello"), "--call=echo2.jvisor:" + port + "=bye").build());
        server.await();

        assertAll(prober.console().capturedErr() + lost.console().capturedErr(),
                () -> assertEquals(1, hostPort.exitStatus()),
                () -> assertTrue(prober.console().capturedErr().contains(
                        "java.net.ConnectException: Connection refused: no guest echo2.jvisor listens on 127.0.0.1 port")),
                () -> assertEquals(1, unknown.exitStatus()),
                () -> assertTrue(lost.console().capturedErr().contains(
                        "java.net.UnknownHostException: nobody.jvisor")));
    }

    @Test
    void h2sTcpServerInOneGuestServesRunScriptInAnother() throws Exception {
        Path h2 = jar("guest.h2");
        int port = freePort();
        Hypervisor h = Hypervisor.get();
        Guest server = h.start(GuestSpec.builder("h2server").classPath(h2).mainClass("org.h2.tools.Server")
                .args(List.of("-tcp", "-tcpPort", String.valueOf(port), "-tcpPassword", "stop", "-ifNotExists", "-baseDir", "/data"))
                .console(Console.Mode.CAPTURE).disk(dir.resolve("h2server")).build());
        assertTrue(server.awaitPort(port, READY), () -> "H2 listens: " + server.console().capturedOut()
                + server.console().capturedErr());

        Files.createDirectories(dir.resolve("h2client"));
        Files.writeString(dir.resolve("h2client/init.sql"), "CREATE TABLE notes(id INT PRIMARY KEY, text VARCHAR(20));\n"
                + "INSERT INTO notes VALUES (1, 'over the wire');\nSELECT text FROM notes;\n");
        GuestResult client = h.run(GuestSpec.builder("h2client").classPath(h2).mainClass("org.h2.tools.RunScript")
                .args(List.of("-url", "jdbc:h2:tcp://h2server.jvisor:" + port + "/notes", "-script", "/init.sql", "-showResults"))
                .console(Console.Mode.CAPTURE).disk(dir.resolve("h2client")).build());
        GuestResult stopped = h.run(GuestSpec.builder("h2stop").classPath(h2).mainClass("org.h2.tools.Server")
                .args(List.of("-tcpShutdown", "tcp://h2server.jvisor:" + port, "-tcpPassword", "stop")).console(Console.Mode.CAPTURE)
                .disk(dir.resolve("h2stop")).build());
        assertAll("client:\n" + client.detail() + "\nstop:\n" + stopped.detail(),
                () -> assertEquals(0, client.exitStatus()),
                () -> assertEquals(0, stopped.exitStatus()));
        GuestResult ended = server.await();

        assertAll(server.console().capturedOut() + server.console().capturedErr(),
                () -> assertEquals(GuestState.EXITED, ended.state()),
                () -> assertTrue(Files.exists(dir.resolve("h2server/data/notes.mv.db")), "the database is on the server's disk"),
                () -> assertTrue(Files.notExists(dir.resolve("h2client/notes.mv.db")), "and not on the client's"));
    }

    /** Connects by a URL and by a channel to a host its policy does not let it look up. */
    private static final String UNRESOLVED = String.join("\n",
            "public class Unresolved {",
            "  public static void main(String[] args) {",
            "    try {",
            "      new java.net.URL(\"http://blocked.example.com/\").openStream();",
            "    } catch (Exception e) {",
            "      System.out.println(\"url: \" + e);",
            "    }",
            "    try {",
            "      java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress(\"blocked.example.com\", 80));",
            "    } catch (Exception e) {",
            "      System.out.println(\"channel: \" + e + \", caused by \" + e.getCause());",
            "    }",
            "  }",
            "}",
            "");

    /** A guest of one class compiled from its source, under the default preset, with a disk of its own. */
    private Guest compiled(String name, String mainClass, String source) throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of(mainClass, source));
        return Hypervisor.get().start(GuestSpec.builder(name).classPath(classes).mainClass(mainClass)
                .console(Console.Mode.CAPTURE).disk(dir.resolve(name)).build());
    }

    @Test
    void aConnectThatFailsOnALookUpJvisorRefusedSaysSo() throws Exception {
        Guest g = compiled("unresolved", "Unresolved", UNRESOLVED);
        GuestResult r = g.await(READY);
        String refused = "java.net.UnknownHostException: blocked.example.com: name lookup refused by jvisor: denied by policy rule "
                + "'deny resolve' (preset constrained:10)";

        // InetSocketAddress swallows the refused look-up; natively the connect's exception names the host alone
        assertAll(g.console().capturedOut() + g.console().capturedErr(),
                () -> assertEquals(0, r == null ? -1 : r.exitStatus()),
                () -> assertEquals(String.join(System.lineSeparator(), "url: " + refused,
                        "channel: java.nio.channels.UnresolvedAddressException, caused by " + refused, ""), g.console().capturedOut()));
    }

    /** Asks the name of an address outside and of loopback, and whether the address outside answers an echo. */
    private static final String ADDRESSES = String.join("\n",
            "import java.net.InetAddress;",
            "public class Addresses {",
            "  public static void main(String[] args) throws Exception {",
            "    InetAddress far = InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 77});",
            "    System.out.println(\"name: \" + far.getHostName() + \", canonical: \" + far.getCanonicalHostName());",
            "    System.out.println(\"loopback: \" + InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getHostName());",
            "    try {",
            "      System.out.println(\"reachable: \" + far.isReachable(200));",
            "    } catch (java.io.IOException e) {",
            "      System.out.println(\"reachable: \" + e);",
            "    }",
            "  }",
            "}",
            "");

    @Test
    void theLookUpOfAnAddressesNameAndAnEchoRequestAreDecidedAsTheGuestsOwn() throws Exception {
        Guest g = compiled("addresses", "Addresses", ADDRESSES);
        GuestResult r = g.await(READY);

        // the name service would have been sent an address the guest chose: a channel out of it
        assertAll(g.console().capturedOut() + g.console().capturedErr(),
                () -> assertEquals(0, r == null ? -1 : r.exitStatus()),
                () -> assertEquals(List.of("name: 203.0.113.77, canonical: 203.0.113.77", "loopback: localhost",
                        "reachable: java.net.ConnectException: Connection refused by jvisor: denied by policy rule 'deny connect' "
                                + "(preset constrained:8)"), g.console().capturedOut().lines().toList()),
                () -> assertEquals(3L, g.decisionCounts().get("resolve"),
                        "the two look-ups of the address's name, and the JDK's check of the name loopback's gave"));
    }

    /** The default preset, but connections to loopback, where the test's servers listen. */
    private static io.jvisor.sandbox.policy.Policy connectsToLoopback() throws io.jvisor.sandbox.policy.PolicyException {
        return io.jvisor.sandbox.policy.Policy.parse("preset constrained\nallow connect 127.0.0.1:*\n", "loopback.policy");
    }

    /** An HTTP server of the host's on loopback, every path answered by the handler. */
    private static com.sun.net.httpserver.HttpServer serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Asks args[0] over HTTP, printing the answer or the failure. */
    private static final String FETCH = String.join("\n",
            "public class Fetch {",
            "  public static void main(String[] args) {",
            "    try (java.io.InputStream in = new java.net.URL(args[0]).openStream()) {",
            "      System.out.println(\"answered: \" + new String(in.readAllBytes()));",
            "    } catch (Exception e) {",
            "      System.out.println(\"failed: \" + e);",
            "    }",
            "  }",
            "}",
            "");

    @Test
    void aGuestTakesNoHttpConnectionAnotherProgramKeptAlive() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Fetch", FETCH));
        List<Integer> clientPorts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer server = serve(exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getResponseHeaders().set("Keep-Alive", "timeout=60");
            respond(exchange, 200, "hello");
        });
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            // the host's request leaves its connection in the JDK's JVM-wide cache of connections kept alive
            try (java.io.InputStream in = new java.net.URL(url).openStream()) {
                assertEquals("hello", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            Guest denied = Hypervisor.get().start(guest("no-connect", classes, url).mainClass("Fetch").build());
            GuestResult deniedRun = denied.await(READY);
            Guest allowed = Hypervisor.get().start(guest("may-connect", classes, url).mainClass("Fetch").policy(connectsToLoopback()).build());
            GuestResult allowedRun = allowed.await(READY);

            assertAll(denied.console().capturedOut() + allowed.console().capturedOut() + clientPorts,
                    () -> assertEquals(0, deniedRun == null ? -1 : deniedRun.exitStatus()),
                    () -> assertTrue(denied.console().capturedOut().startsWith(
                            "failed: java.net.ConnectException: Connection refused by jvisor"), "the connect its policy denies"),
                    () -> assertEquals("answered: hello" + System.lineSeparator(), allowed.console().capturedOut()),
                    () -> assertEquals(2, clientPorts.size(), "requests: the host's and the allowed guest's"),
                    () -> assertTrue(clientPorts.size() < 2 || !clientPorts.get(0).equals(clientPorts.get(1)),
                            "the allowed guest on a connection of its own"));
        } finally {
            server.stop(0);
        }
    }

    /**
     * Asks args[0] for its /secret and /cookie, then for /secret again with a cookie handler and a
     * default authenticator of its own; prints what it got, and the defaults as it sees them.
     */
    private static final String DEFAULTS = String.join("\n",
            "import java.net.*;",
            "public class Defaults {",
            "  static String get(String url) {",
            "    try {",
            "      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();",
            "      try (java.io.InputStream in = c.getResponseCode() == 200 ? c.getInputStream() : c.getErrorStream()) {",
            "        return c.getResponseCode() + \" \" + new String(in.readAllBytes());",
            "      }",
            "    } catch (Exception e) {",
            "      return \"failed: \" + e;",
            "    }",
            "  }",
            "  public static void main(String[] args) {",
            "    System.out.println(\"authenticator \" + Authenticator.getDefault() + \", cookies \" + CookieHandler.getDefault());",
            "    System.out.println(\"secret: \" + get(args[0] + \"secret\"));",
            "    System.out.println(\"cookie: \" + get(args[0] + \"cookie\"));",
            "    CookieHandler.setDefault(new CookieManager());",
            "    System.out.println(\"own cookies \" + (CookieHandler.getDefault() instanceof CookieManager));",
            "    Authenticator.setDefault(new Authenticator() {",
            "      @Override protected PasswordAuthentication getPasswordAuthentication() {",
            "        return new PasswordAuthentication(\"guest\", \"guest's\".toCharArray());",
            "      }",
            "    });",
            "    System.out.println(\"secret again: \" + get(args[0] + \"secret\"));",
            "  }",
            "}",
            "");

    @Test
    void aGuestsConnectionsUseNeitherTheHostsCredentialsNorItsCookies() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Defaults", DEFAULTS));
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer server = serve(exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String cookie = exchange.getRequestHeaders().getFirst("Cookie");
            seen.add(exchange.getRequestURI().getPath() + " authorization=" + authorization + " cookie=" + cookie);
            boolean challenged = exchange.getRequestURI().getPath().equals("/secret") && authorization == null;
            if (challenged) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"host\"");
            }
            respond(exchange, challenged ? 401 : 200, challenged ? "who are you?" : "cookie=" + cookie);
        });
        java.net.Authenticator hostsAuthenticator = new java.net.Authenticator() {
            @Override
            protected java.net.PasswordAuthentication getPasswordAuthentication() {
                return new java.net.PasswordAuthentication("host", "host's password".toCharArray());
            }
        };
        java.net.CookieManager hostsCookies = new java.net.CookieManager();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        hostsCookies.getCookieStore().add(java.net.URI.create(url), new java.net.HttpCookie("session", "host's"));
        java.net.Authenticator authenticatorBefore = java.net.Authenticator.getDefault();
        java.net.CookieHandler cookiesBefore = java.net.CookieHandler.getDefault();
        java.net.Authenticator.setDefault(hostsAuthenticator);
        java.net.CookieHandler.setDefault(hostsCookies);
        try {
            // the host's own request: challenged, answered by its authenticator, its credentials cached by the JDK
            java.net.HttpURLConnection hosts = (java.net.HttpURLConnection) new java.net.URL(url + "secret").openConnection();
            assertEquals(200, hosts.getResponseCode());
            hosts.getInputStream().close();
            seen.clear();
            Guest g = Hypervisor.get().start(guest("defaults", classes, url).mainClass("Defaults").policy(connectsToLoopback()).build());
            GuestResult r = g.await(READY);
            String nl = System.lineSeparator();

            assertAll(g.console().capturedOut() + g.console().capturedErr() + seen,
                    () -> assertEquals(0, r == null ? -1 : r.exitStatus()),
                    () -> assertEquals("authenticator null, cookies null" + nl + "secret: 401 who are you?" + nl
                            + "cookie: 200 cookie=null" + nl + "own cookies true" + nl + "secret again: 200 cookie=null" + nl,
                            g.console().capturedOut()),
                    () -> assertEquals(List.of("/secret authorization=null cookie=null", "/cookie authorization=null cookie=null",
                            "/secret authorization=null cookie=null", "/secret authorization=Basic " + java.util.Base64.getEncoder()
                                    .encodeToString("guest:guest's".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + " cookie=null"),
                            seen, "what the server received: the guest's credentials, asked for, never the host's"),
                    () -> assertSame(hostsCookies, java.net.CookieHandler.getDefault(), "the host's cookie handler"),
                    () -> assertSame(hostsAuthenticator, java.net.Authenticator.getDefault(), "the host's authenticator"));
        } finally {
            java.net.Authenticator.setDefault(authenticatorBefore);
            java.net.CookieHandler.setDefault(cookiesBefore);
            server.stop(0);
        }
    }

    /** Sets the JVM-wide defaults of HTTP and HTTPS for itself, asks args[0] for /moved, and shows what it sees. */
    private static final String REDIRECTS = String.join("\n",
            "import java.net.*;",
            "import javax.net.ssl.*;",
            "public class Redirects {",
            "  public static void main(String[] args) throws Exception {",
            "    HttpURLConnection.setFollowRedirects(false);",
            "    HostnameVerifier mine = (host, session) -> true;",
            "    HttpsURLConnection.setDefaultHostnameVerifier(mine);",
            "    SSLContext context = SSLContext.getInstance(\"TLS\");",
            "    context.init(null, null, null);",
            "    SSLContext.setDefault(context);",
            "    HttpURLConnection c = (HttpURLConnection) new URL(args[0] + \"moved\").openConnection();",
            "    System.out.println(\"moved: \" + c.getResponseCode() + \", follows \" + HttpURLConnection.getFollowRedirects()",
            "        + \" \" + c.getInstanceFollowRedirects());",
            "    HttpsURLConnection s = (HttpsURLConnection) new URL(\"https://example.invalid/\").openConnection();",
            "    System.out.println(\"own verifier \" + (HttpsURLConnection.getDefaultHostnameVerifier() == mine) + \" \"",
            "        + (s.getHostnameVerifier() == mine) + \", own context \" + (SSLContext.getDefault() == context)",
            "        + \" \" + (s.getSSLSocketFactory() == HttpsURLConnection.getDefaultSSLSocketFactory()));",
            "  }",
            "}",
            "");

    @Test
    void aGuestsDefaultsOfHttpAndHttpsAreItsOwn() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Redirects", REDIRECTS));
        com.sun.net.httpserver.HttpServer server = serve(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().set("Location", "/target");
                respond(exchange, 302, "moved");
            } else {
                respond(exchange, 200, "target");
            }
        });
        javax.net.ssl.HostnameVerifier hostsVerifier = javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier();
        javax.net.ssl.SSLContext hostsContext = javax.net.ssl.SSLContext.getDefault();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Guest g = Hypervisor.get().start(guest("http-defaults", classes, url).mainClass("Redirects").policy(connectsToLoopback()).build());
            GuestResult r = g.await(READY);
            java.net.HttpURLConnection hosts = (java.net.HttpURLConnection) new java.net.URL(url + "moved").openConnection();
            String nl = System.lineSeparator();
            assertAll(g.console().capturedOut() + g.console().capturedErr(),
                    () -> assertEquals(0, r == null ? -1 : r.exitStatus()),
                    () -> assertEquals("moved: 302, follows false false" + nl + "own verifier true true, own context true true" + nl,
                            g.console().capturedOut()),
                    () -> assertEquals(200, hosts.getResponseCode(), "the host's connection follows the redirect"),
                    () -> assertTrue(java.net.HttpURLConnection.getFollowRedirects(), "the JVM's"),
                    () -> assertSame(hostsVerifier, javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier(), "the JVM's"),
                    () -> assertSame(hostsContext, javax.net.ssl.SSLContext.getDefault(), "the JVM's"));
        } finally {
            server.stop(0);
        }
    }

    /** Sets URLConnection's JVM-wide defaults for itself and shows what its connections take from them. */
    private static final String CACHES = String.join("\n",
            "import java.net.*;",
            "public class Caches {",
            "  public static void main(String[] args) throws Exception {",
            "    URLConnection before = new URL(\"http://127.0.0.1:1/\").openConnection();",
            "    before.setDefaultUseCaches(false);",
            "    URLConnection.setDefaultUseCaches(\"JAR\", true);",
            "    URLConnection.setDefaultAllowUserInteraction(true);",
            "    URLConnection http = new URL(\"http://127.0.0.1:1/\").openConnection();",
            "    URLConnection jar = new URL(\"jar:file:/lib.jar!/a\").openConnection();",
            "    URLConnection none = new URLConnection(null) { public void connect() { } };",
            "    System.out.println(\"before \" + before.getUseCaches() + \" \" + before.getAllowUserInteraction()",
            "        + \", http \" + http.getUseCaches() + \" \" + http.getAllowUserInteraction() + \", jar \" + jar.getUseCaches()",
            "        + \", none \" + none.getUseCaches() + \" \" + none.getAllowUserInteraction());",
            "    System.out.println(\"defaults \" + http.getDefaultUseCaches() + \" \" + URLConnection.getDefaultUseCaches(\"http\")",
            "        + \" \" + URLConnection.getDefaultUseCaches(\"jar\") + \" \" + URLConnection.getDefaultAllowUserInteraction());",
            "  }",
            "}",
            "");

    @Test
    void aGuestsUrlConnectionDefaultsAreItsOwn() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Caches", CACHES));
        Guest g = Hypervisor.get().start(guest("caches", classes).mainClass("Caches").build());
        GuestResult r = g.await(READY);
        java.net.URLConnection hosts = new java.net.URL("http://127.0.0.1:1/").openConnection();
        String nl = System.lineSeparator();
        assertAll(g.console().capturedOut() + g.console().capturedErr(),
                () -> assertEquals(0, r == null ? -1 : r.exitStatus()),
                () -> assertEquals("before true false, http false true, jar true, none false true" + nl
                        + "defaults false false true true" + nl, g.console().capturedOut()),
                () -> assertTrue(hosts.getUseCaches() && hosts.getDefaultUseCaches(), "the JVM's"),
                () -> assertTrue(java.net.URLConnection.getDefaultUseCaches("jar"), "the JVM's"),
                () -> assertFalse(hosts.getAllowUserInteraction() || java.net.URLConnection.getDefaultAllowUserInteraction(),
                        "the JVM's"));
    }

    @Test
    void aGuestWhosePolicyDeniesPropertyWritesCannotSetItsUrlConnectionDefaults() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Caches", CACHES));
        Guest g = Hypervisor.get().start(guest("caches", classes).mainClass("Caches")
                .policy(Policy.parse("preset constrained\ndeny property-write\n", "test")).build());
        GuestResult r = g.await(READY);
        assertAll(g.console().capturedErr(),
                () -> assertEquals(1, r == null ? -1 : r.exitStatus()),
                () -> assertTrue(g.console().capturedErr().contains("may not call URLConnection.setDefaultUseCaches, which sets its own"),
                        g.console().capturedErr()),
                () -> assertTrue(java.net.URLConnection.getDefaultUseCaches("http"), "the JVM's"));
    }

    /** Runs the JDK's keytool in {@code dir}, failing the test if it fails. */
    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + out);
    }

    /**
     * An HTTPS server of the host's on loopback, answering "over TLS" with a certificate for
     * 127.0.0.1 that no default trust store knows; {@code trust.p12} in {@link #dir} trusts it.
     */
    private com.sun.net.httpserver.HttpsServer tlsServer() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", "server.p12", "-storetype", "PKCS12",
                "-storepass", "secret", "-keypass", "secret");
        keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-storepass", "secret", "-file", "server.cer");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.cer", "-keystore", "trust.p12",
                "-storetype", "PKCS12", "-storepass", "secret");
        java.security.KeyStore serverKeys = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            serverKeys.load(in, "secret".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeys, "secret".toCharArray());
        javax.net.ssl.SSLContext serverContext = javax.net.ssl.SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> respond(exchange, 200, "over TLS"));
        server.start();
        return server;
    }

    /** A guest that names {@code trust.p12}, on its disk, as its trust store, by its properties. */
    private GuestSpec.Builder trusting(Path classes, String main, String url) throws Exception {
        Files.copy(dir.resolve("trust.p12"), Files.createDirectories(dir.resolve("trusting/certs")).resolve("trust.p12"));
        return guest("trusting", classes, url).mainClass(main).policy(connectsToLoopback())
                .property("javax.net.ssl.trustStore", "/certs/trust.p12").property("javax.net.ssl.trustStorePassword", "secret");
    }

    @Test
    void aGuestsOwnTrustStorePropertyMakesItsDefaultSslContext() throws Exception {
        com.sun.net.httpserver.HttpsServer server = tlsServer();
        javax.net.ssl.SSLContext hostsContext = javax.net.ssl.SSLContext.getDefault();
        try {
            Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Fetch", FETCH));
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
            Guest withStore = Hypervisor.get().start(trusting(classes, "Fetch", url).build());
            GuestResult withStoreRun = withStore.await(READY);
            Guest without = Hypervisor.get().start(guest("not-trusting", classes, url).mainClass("Fetch").policy(connectsToLoopback()).build());
            GuestResult withoutRun = without.await(READY);
            assertAll(withStore.console().capturedOut() + without.console().capturedOut(),
                    () -> assertEquals(0, withStoreRun == null ? -1 : withStoreRun.exitStatus()),
                    () -> assertEquals("answered: over TLS" + System.lineSeparator(), withStore.console().capturedOut()),
                    () -> assertEquals(0, withoutRun == null ? -1 : withoutRun.exitStatus()),
                    () -> assertTrue(without.console().capturedOut().startsWith("failed: javax.net.ssl.SSLHandshakeException"),
                            "the JVM's trust, which knows nothing of the server's certificate"),
                    () -> assertSame(hostsContext, javax.net.ssl.SSLContext.getDefault(), "the JVM's"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aGuestNeverHasTheDefaultSslContextTheApplicationSet() throws Exception {
        com.sun.net.httpserver.HttpsServer server = tlsServer();
        javax.net.ssl.SSLContext jvms = javax.net.ssl.SSLContext.getDefault();
        try {
            // the application's own default, which trusts the server (one with its client keys would present them too)
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            try (java.io.InputStream in = Files.newInputStream(dir.resolve("trust.p12"))) {
                trust.load(in, "secret".toCharArray());
            }
            javax.net.ssl.TrustManagerFactory trusting = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trusting.init(trust);
            javax.net.ssl.SSLContext applications = javax.net.ssl.SSLContext.getInstance("TLS");
            applications.init(null, trusting.getTrustManagers(), null);
            javax.net.ssl.SSLContext.setDefault(applications);
            Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Fetch", FETCH));
            Guest g = Hypervisor.get().start(guest("not-trusting", classes, "https://127.0.0.1:" + server.getAddress().getPort() + "/")
                    .mainClass("Fetch").policy(connectsToLoopback()).build());
            GuestResult result = g.await(READY);
            // before, the guest had the application's context: audit 23's guest authenticated as the host by its keys
            assertAll(g.console().capturedOut(),
                    () -> assertEquals(0, result == null ? -1 : result.exitStatus()),
                    () -> assertTrue(g.console().capturedOut().startsWith("failed: javax.net.ssl.SSLHandshakeException"),
                            "its own default, which knows nothing of the server's certificate"));
        } finally {
            javax.net.ssl.SSLContext.setDefault(jvms);
            server.stop(0);
        }
    }

    /**
     * Trusts what the default trust managers trust, as OkHttp and most clients do: a trust manager
     * factory initialised without a key store, and a context without trust managers.
     */
    private static final String DEFAULT_TRUST = String.join("\n",
            "import javax.net.ssl.*;",
            "public class DefaultTrust {",
            "  public static void main(String[] args) throws Exception {",
            "    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());",
            "    factory.init((java.security.KeyStore) null);",
            "    System.out.println(\"anchors \" + ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers().length);",
            "    SSLContext context = SSLContext.getInstance(\"TLS\");",
            "    context.init(null, null, null);",
            "    HttpsURLConnection c = (HttpsURLConnection) new java.net.URL(args[0]).openConnection();",
            "    c.setSSLSocketFactory(context.getSocketFactory());",
            "    try (java.io.InputStream in = c.getInputStream()) {",
            "      System.out.println(\"answered: \" + new String(in.readAllBytes()));",
            "    } catch (Exception e) {",
            "      System.out.println(\"failed: \" + e);",
            "    }",
            "  }",
            "}",
            "");

    @Test
    void aGuestsOwnTrustStorePropertyMakesItsDefaultTrustManagers() throws Exception {
        com.sun.net.httpserver.HttpsServer server = tlsServer();
        try {
            Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("DefaultTrust", DEFAULT_TRUST));
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
            Guest withStore = Hypervisor.get().start(trusting(classes, "DefaultTrust", url).build());
            GuestResult withStoreRun = withStore.await(READY);
            Guest other = Hypervisor.get().start(guest("not-trusting", classes, url).mainClass("DefaultTrust")
                    .policy(connectsToLoopback()).build());
            GuestResult otherRun = other.await(READY);
            javax.net.ssl.TrustManagerFactory hosts = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            hosts.init((java.security.KeyStore) null);
            int jvms = ((javax.net.ssl.X509TrustManager) hosts.getTrustManagers()[0]).getAcceptedIssuers().length;
            String nl = System.lineSeparator();
            assertAll(withStore.console().capturedOut() + other.console().capturedOut(),
                    () -> assertEquals(0, withStoreRun == null ? -1 : withStoreRun.exitStatus()),
                    () -> assertEquals("anchors 1" + nl + "answered: over TLS" + nl, withStore.console().capturedOut()),
                    () -> assertTrue(jvms > 1, "the JVM's trust store, the JDK's cacerts, is the host's: " + jvms),
                    () -> assertTrue(other.console().capturedOut().startsWith("anchors " + jvms + nl
                            + "failed: javax.net.ssl.SSLHandshakeException"), "a guest that names no trust store has the JVM's"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aGuestsOwnProxyPropertiesChooseItsProxy() throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer proxy = serve(exchange -> {
            seen.add(exchange.getRequestURI().toString());
            respond(exchange, 200, "via the proxy");
        });
        java.net.ProxySelector jvms = java.net.ProxySelector.getDefault();
        try {
            Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Fetch", FETCH));
            String url = "http://notes.example.invalid/page";
            Guest proxied = Hypervisor.get().start(guest("proxied", classes, url).mainClass("Fetch").policy(connectsToLoopback())
                    .property("http.proxyHost", "127.0.0.1").property("http.proxyPort", String.valueOf(proxy.getAddress().getPort()))
                    .build());
            GuestResult proxiedRun = proxied.await(READY);
            Guest direct = Hypervisor.get().start(guest("direct", classes, url).mainClass("Fetch").policy(connectsToLoopback()).build());
            GuestResult directRun = direct.await(READY);
            assertAll(proxied.console().capturedOut() + direct.console().capturedOut() + seen,
                    () -> assertEquals(0, proxiedRun == null ? -1 : proxiedRun.exitStatus()),
                    () -> assertEquals("answered: via the proxy" + System.lineSeparator(), proxied.console().capturedOut()),
                    () -> assertEquals(List.of(url), seen, "the proxy was asked for the page, once"),
                    () -> assertEquals(0, directRun == null ? -1 : directRun.exitStatus()),
                    () -> assertTrue(direct.console().capturedOut().startsWith("failed: java.net.UnknownHostException"),
                            "without the properties, no proxy: the name is looked up, and refused"),
                    () -> assertSame(jvms, java.net.ProxySelector.getDefault(), "the JVM's selector"));
        } finally {
            proxy.stop(0);
        }
    }
    /** Listens on a port the system chooses, on loopback, and connects to it itself, as a server of Jetty's and its test client do. */
    private static final String SELF_CALL = String.join("\n",
            "import java.net.*;",
            "public class SelfCall {",
            "  public static void main(String[] args) throws Exception {",
            "    InetAddress loopback = InetAddress.getLoopbackAddress();",
            "    try (ServerSocket server = new ServerSocket(0, 1, loopback);",
            "         java.nio.channels.ServerSocketChannel channel = java.nio.channels.ServerSocketChannel.open()",
            "                 .bind(new InetSocketAddress(loopback, 0))) {",
            "      int[] ports = {server.getLocalPort(), ((InetSocketAddress) channel.getLocalAddress()).getPort()};",
            "      try (Socket client = new Socket(loopback, ports[0]); Socket accepted = server.accept()) {",
            "        client.getOutputStream().write(42);",
            "        System.out.println(\"socket read \" + accepted.getInputStream().read());",
            "      }",
            "      try (Socket client = new Socket(loopback, ports[1]); java.nio.channels.SocketChannel accepted = channel.accept()) {",
            "        System.out.println(\"channel accepted \" + (accepted != null));",
            "      }",
            "    }",
            "  }",
            "}",
            "");

    @Test
    void aGuestReachesItsOwnServerOnAPortTheSystemChose() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("SelfCall", SELF_CALL));
        Guest g = Hypervisor.get().start(guest("self-call", classes).mainClass("SelfCall").build());
        GuestResult result = g.await(READY);
        assertAll(g.console().capturedOut() + g.console().capturedErr(),
                () -> assertEquals(0, result == null ? -1 : result.exitStatus()),
                () -> assertEquals("socket read 42" + System.lineSeparator() + "channel accepted true" + System.lineSeparator(),
                        g.console().capturedOut()));
    }

    /**
     * Tries the doors a guest's own server and a name of its choosing might open to the host's
     * servers: its name on another loopback address, another loopback address of its server's port,
     * a datagram socket on the port of a TCP server of the host's, and an address the policy allows
     * by a name the guest gave it itself.
     */
    private static final String FORGED = String.join("\n",
            "import java.net.*;",
            "public class Forged {",
            "  static void connect(String what, InetAddress address, int port) {",
            "    try (Socket s = new Socket()) {",
            "      s.connect(new InetSocketAddress(address, port), 2000);",
            "      System.out.println(what + \": connected\");",
            "    } catch (Exception e) {",
            "      System.out.println(what + \": \" + (e.getMessage() != null && e.getMessage().contains(\"jvisor\") ? \"refused by jvisor\" : e));",
            "    }",
            "  }",
            "  public static void main(String[] args) throws Exception {",
            "    int host = Integer.parseInt(args[0]);",
            "    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});",
            "    InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});",
            "    ServerSocket own = new ServerSocket(0, 1, loopback);",
            "    int port = own.getLocalPort();",
            "    connect(\"own server\", loopback, port);",
            "    connect(\"own name, another address\", InetAddress.getByAddress(\"forged.jvisor\", new byte[] {127, 0, 0, 2}), port);",
            "    connect(\"another address of its port\", other, port);",
            "    own.close();",
            "    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, host))) {",
            "      connect(\"the host's port, bound by datagrams\", loopback, host);",
            "    }",
            "    connect(\"a name it gave\", InetAddress.getByAddress(\"allowed.example\", new byte[] {127, 0, 0, 1}), host);",
            "  }",
            "}",
            "");

    @Test
    void neitherAGuestsOwnServerNorANameItGaveAnAddressOpensTheHostsServers() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Forged", FORGED));
        Guest g;
        GuestResult result;
        try (ServerSocket host = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            g = Hypervisor.get().start(guest("forged", classes, String.valueOf(host.getLocalPort())).mainClass("Forged")
                    .policy(Policy.parse("preset constrained\nallow connect allowed.example:*\n", "forged.policy")).build());
            result = g.await(READY);
        }
        assertAll(g.console().capturedOut() + g.console().capturedErr(),
                () -> assertEquals(0, result == null ? -1 : result.exitStatus()),
                () -> assertEquals(String.join(System.lineSeparator(), "own server: connected",
                        "own name, another address: refused by jvisor", "another address of its port: refused by jvisor",
                        "the host's port, bound by datagrams: refused by jvisor",
                        "a name it gave: refused by jvisor", ""), g.console().capturedOut()));
    }

    /** Binds a server beside the host's on its address and port ({@code SO_REUSEPORT}), then connects there. */
    private static final String SHARED_PORT = String.join("\n",
            "import java.net.*;",
            "import java.nio.channels.*;",
            "public class SharedPort {",
            "  public static void main(String[] args) throws Exception {",
            "    InetSocketAddress host = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), Integer.parseInt(args[0]));",
            "    try (ServerSocketChannel beside = ServerSocketChannel.open()) {",
            "      beside.setOption(StandardSocketOptions.SO_REUSEPORT, true);",
            "      beside.bind(host);",
            "      try (Socket s = new Socket()) {",
            "        s.connect(host, 2000);",
            "        System.out.println(\"connected\");",
            "      } catch (Exception e) {",
            "        System.out.println(e.getMessage() != null && e.getMessage().contains(\"jvisor\") ? \"refused by jvisor\" : e.toString());",
            "      }",
            "    }",
            "  }",
            "}",
            "");

    @Test
    void aServerThatSharesAPortWithTheHostsIsNotTheGuestsToReach() throws Exception {
        try (java.nio.channels.ServerSocketChannel probe = java.nio.channels.ServerSocketChannel.open()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(probe.supportedOptions().contains(java.net.StandardSocketOptions.SO_REUSEPORT),
                    "this system has no SO_REUSEPORT");
        }
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("SharedPort", SHARED_PORT));
        Guest g;
        GuestResult result;
        try (java.nio.channels.ServerSocketChannel host = java.nio.channels.ServerSocketChannel.open()) {
            host.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            host.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((java.net.InetSocketAddress) host.getLocalAddress()).getPort();
            g = Hypervisor.get().start(guest("shared-port", classes, String.valueOf(port)).mainClass("SharedPort").build());
            result = g.await(READY);
        }
        assertAll(g.console().capturedOut() + g.console().capturedErr(),
                () -> assertEquals(0, result == null ? -1 : result.exitStatus()),
                () -> assertEquals("refused by jvisor" + System.lineSeparator(), g.console().capturedOut()));
    }
}
