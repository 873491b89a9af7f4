#!/usr/bin/env bash
# native-check.sh: a developer tool (not run by CI) that runs every technique of the escape suite
# natively, with no jvisor, and tells for each whether it really escaped: a technique that does
# nothing natively proves nothing when jvisor contains it.
#
#   samples/escapes/native-check.sh [--java JAVA_HOME] [ID...]
#
# Build the jar first (mvn -B -q -pl samples/escapes -am package). The JDK is --java, else
# $JAVA_HOME, else the `java` on the PATH. Rows whose since/until exclude that JDK are skipped.
# NATIVE_CHECK_KEEP=1 keeps the working directory (each row's stdout and stderr) for a look.
# Each row runs in a fresh working directory under a temporary directory, with arguments for its
# goal (see the header of META-INF/escapes.tsv), and is judged from outside the technique:
#   exit-jvm      run under a launcher that prints a line if the JVM is still alive 1.5 s after main
#   write-host    the file exists afterwards            read-host     the secret appears on stdout
#   connect-host  a TCP listener here accepted           send-host     a UDP socket here received
#   host-console  the marker is on the real stdout/err   outlive       the file exists after the JVM ended
#   host-state    a launcher compares JVM-wide state (locale, time zone, handlers, factories,
#                 security, net defaults, properties, logging...) before and after main
#   see-host      a launcher runs main beside a thread named by a secret, which is among the JVM's
#                 options too: the secret appears on stdout
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar=$here/target/escapes.jar
index=$here/src/main/resources/META-INF/escapes.tsv
java_home=${JAVA_HOME:-}
if [ "${1:-}" = "--java" ]; then java_home=$2; shift 2; fi
if [ -n "$java_home" ]; then java=$java_home/bin/java; javac=$java_home/bin/javac; else java=java; javac=javac; fi
[ -f "$jar" ] || { echo "native-check: no $jar; build it first" >&2; exit 2; }
feature=$("$java" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/ {print $3}')
ulimit -c 0   # native-unsafe-crash crashes the JVM: no core files

work=$(mktemp -d /tmp/native-check.XXXXXX)
helpers=()
cleanup() {
  for pid in "${helpers[@]}"; do kill "$pid" 2>/dev/null; done
  if [ -n "${NATIVE_CHECK_KEEP:-}" ]; then echo "native-check: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
mkdir -p "$work/helper" "$work/host" "$work/run"

cat > "$work/NativeCheck.java" <<'EOF'
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/** The host side of native-check.sh: launchers and listeners. */
public final class NativeCheck {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "survive": survive(args); break;
            case "state": state(args); break;
            case "spy": spy(args); break;
            case "tcp": tcp(Path.of(args[1])); break;
            case "udp": udp(Path.of(args[1])); break;
            default: throw new IllegalArgumentException(args[0]);
        }
    }

    static void runMain(String[] args) {
        try {
            Method main = Class.forName(args[1]).getMethod("main", String[].class);
            main.invoke(null, (Object) java.util.Arrays.copyOfRange(args, 2, args.length));
        } catch (Throwable t) {
            System.out.println("native-check: main threw " + t);
        }
    }

    static void survive(String[] args) throws InterruptedException {
        runMain(args);
        Thread.sleep(1500);
        System.out.println("NATIVE-CHECK: JVM SURVIVED");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Runs main beside a thread named args[1] that the technique was not told of (see-host). */
    static void spy(String[] args) {
        Thread host = new Thread(() -> {
            while (true) {
                java.util.concurrent.locks.LockSupport.park();
            }
        }, args[1]);
        host.setDaemon(true);
        host.start();
        runMain(new String[] {args[0], args[2]});
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    static String id(Object o) {
        return o == null ? "null" : o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }

    /** A logger of the launcher's, as a host's: techniques find it by its name or among the JVM's loggers. */
    static final Logger HOST_LOGGER = Logger.getLogger("jvisor.escapes.host");

    static Map<String, String> snapshot() throws Exception {
        Map<String, String> m = new TreeMap<>();
        m.put("default Locale", String.valueOf(Locale.getDefault()));
        m.put("default TimeZone", TimeZone.getDefault().getID());
        m.put("default uncaught-exception handler", id(Thread.getDefaultUncaughtExceptionHandler()));
        List<String> providers = new ArrayList<>();
        for (Provider p : Security.getProviders()) {
            providers.add(p.getName());
        }
        m.put("security providers", providers.toString());
        for (String key : List.of("jdk.tls.disabledAlgorithms", "jdk.certpath.disabledAlgorithms", "securerandom.source",
                "keystore.type", "networkaddress.cache.ttl", "jdk.jar.disabledAlgorithms")) {
            m.put("security property " + key, String.valueOf(Security.getProperty(key)));
        }
        m.put("ProxySelector default", id(ProxySelector.getDefault()));
        m.put("CookieHandler default", id(CookieHandler.getDefault()));
        m.put("ResponseCache default", id(ResponseCache.getDefault()));
        m.put("Authenticator default", id(Authenticator.getDefault()));
        m.put("HttpsURLConnection hostname verifier", id(HttpsURLConnection.getDefaultHostnameVerifier()));
        m.put("HttpsURLConnection SSL socket factory", id(HttpsURLConnection.getDefaultSSLSocketFactory()));
        m.put("SSLContext default", id(SSLContext.getDefault()));
        @SuppressWarnings("removal")
        Object sm = System.getSecurityManager();
        m.put("SecurityManager", id(sm));
        m.put("HttpURLConnection followRedirects", String.valueOf(HttpURLConnection.getFollowRedirects()));
        for (Logger logger : List.of(Logger.getLogger(""), Logger.getGlobal(), HOST_LOGGER)) {
            m.put("logger '" + logger.getName() + "'", logger.getLevel() + " " + logger.getHandlers().length + " "
                    + logger.getUseParentHandlers() + " " + id(logger.getFilter()));
        }
        m.put("DriverManager log writer", id(DriverManager.getLogWriter()));
        m.put("login configuration", id(javax.security.auth.login.Configuration.getConfiguration()) + " "
                + java.util.Arrays.toString(javax.security.auth.login.Configuration.getConfiguration().getAppConfigurationEntry("escape-planted")));
        m.put("ImageIO reader formats", new java.util.TreeSet<>(List.of(javax.imageio.ImageIO.getReaderFormatNames())).toString());
        m.put("SUN's MessageDigest.EscapePlanted", String.valueOf(Security.getProvider("SUN").getProperty("MessageDigest.EscapePlanted")));
        m.put("MBean servers", javax.management.MBeanServerFactory.findMBeanServer(null).stream()
                .map(javax.management.MBeanServer::getDefaultDomain).sorted().toList().toString());
        m.put("platform MBeans", new java.util.TreeSet<>(java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .queryNames(null, null)).toString());
        for (String key : System.getProperties().stringPropertyNames()) {
            m.put("system property " + key, System.getProperty(key));
        }
        return m;
    }

    static void state(String[] args) throws Exception {
        Map<String, String> before = snapshot();
        runMain(args);
        Thread.sleep(500);
        Map<String, String> after = snapshot();
        boolean changed = false;
        for (String key : new java.util.TreeSet<>(after.keySet())) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                System.out.println("NATIVE-CHECK: CHANGED " + key + ": " + before.get(key) + " -> " + after.get(key));
                changed = true;
            }
        }
        try {
            URL.setURLStreamHandlerFactory(p -> null);
        } catch (Error e) {
            System.out.println("NATIVE-CHECK: CHANGED URL stream handler factory: " + e.getMessage());
            changed = true;
        }
        try {
            URLConnection.setContentHandlerFactory(t -> null);
        } catch (Error e) {
            System.out.println("NATIVE-CHECK: CHANGED content handler factory: " + e.getMessage());
            changed = true;
        }
        if (!changed) {
            System.out.println("NATIVE-CHECK: STATE UNCHANGED");
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    static void tcp(Path portFile) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(60_000);
            Files.writeString(portFile, Integer.toString(server.getLocalPort()));
            while (true) {
                try (Socket s = server.accept()) {
                    System.out.println("NATIVE-CHECK: ACCEPTED " + s.getRemoteSocketAddress());
                    System.out.flush();
                    s.setSoTimeout(1000);
                    InputStream in = s.getInputStream();
                    try {
                        in.read(new byte[4096]);
                    } catch (SocketTimeoutException e) {
                        // nothing sent: answer anyway
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (SocketTimeoutException e) {
                    return;
                } catch (Exception e) {
                    System.out.println("native-check: " + e);
                }
            }
        }
    }

    static void udp(Path portFile) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(60_000);
            Files.writeString(portFile, Integer.toString(socket.getLocalPort()));
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            socket.receive(p);
            System.out.println("NATIVE-CHECK: RECEIVED " + p.getLength() + " bytes");
        }
    }
}
EOF
"$javac" --release 17 -nowarn -d "$work/helper" "$work/NativeCheck.java" || exit 2
cp="$jar:$work/helper"

# listener KIND: starts a NativeCheck listener, sets $listener_pid, $listener_out and $port.
listener() {
  listener_out=$work/$1-$2.out
  rm -f "$work/port"
  "$java" -cp "$work/helper" NativeCheck "$1" "$work/port" > "$listener_out" 2>&1 &
  listener_pid=$!
  helpers+=("$listener_pid")
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(cat "$work/port")
}

escaped=0; not=0; skipped=0
echo "native-check: $("$java" -version 2>&1 | head -n 1) (feature $feature), jar $jar"
while IFS=$'\t' read -r id class door goal since until source; do
  case "$id" in ''|'#'*) continue ;; esac
  if [ $# -gt 0 ] && [[ " $* " != *" $id "* ]]; then continue; fi
  if [ "$feature" -lt "$since" ] || { [ "$until" != "-" ] && [ "$feature" -gt "$until" ]; }; then
    printf '%-42s skipped (applies to JDK %s..%s)\n' "$id" "$since" "$until"; skipped=$((skipped + 1)); continue
  fi
  dir=$work/run/$id; mkdir -p "$dir"; out=$dir/stdout; err=$dir/stderr
  ok=no
  case "$goal" in
    exit-jvm)
      (cd "$dir" && timeout 60 "$java" -Djava.io.tmpdir="$dir" -cp "$cp" NativeCheck survive "$class" > "$out" 2> "$err") 2> /dev/null
      grep -q 'NATIVE-CHECK: JVM SURVIVED' "$out" || ok=yes ;;
    write-host)
      file=$work/host/$id.written
      (cd "$dir" && timeout 60 "$java" -Djava.io.tmpdir="$dir" -cp "$jar" "$class" "$file" > "$out" 2> "$err")
      [ -e "$file" ] && ok=yes ;;
    read-host)
      file=$work/host/$id.secret; secret="secret-$RANDOM$RANDOM-$id"; echo "$secret" > "$file"
      (cd "$dir" && timeout 60 "$java" -Djava.io.tmpdir="$dir" -cp "$jar" "$class" "$file" > "$out" 2> "$err")
      grep -q -- "$secret" "$out" && ok=yes ;;
    connect-host|send-host)
      kind=tcp; [ "$goal" = send-host ] && kind=udp
      listener "$kind" "$id"
      (cd "$dir" && timeout 60 "$java" -Djava.io.tmpdir="$dir" -cp "$jar" "$class" "127.0.0.1:$port" > "$out" 2> "$err")
      for _ in $(seq 20); do grep -q 'NATIVE-CHECK: \(ACCEPTED\|RECEIVED\)' "$listener_out" && break; sleep 0.1; done
      kill "$listener_pid" 2>/dev/null; wait "$listener_pid" 2>/dev/null
      grep -q 'NATIVE-CHECK: \(ACCEPTED\|RECEIVED\)' "$listener_out" && ok=yes ;;
    host-console)
      marker="marker-$RANDOM$RANDOM-$id"
      # through a pipe, as a terminal would be: a technique that opens /dev/stdout anew gets a file
      # description of its own, and on a regular file System.out's later writes would overwrite it
      (cd "$dir" && timeout 60 "$java" -Djava.io.tmpdir="$dir" -cp "$jar" "$class" "$marker" 2>&1 | cat > "$out") 2> /dev/null
      grep -q -- "$marker" "$out" && ok=yes ;;
    host-state)
      (cd "$dir" && timeout 60 "$java" -Djava.io.tmpdir="$dir" -cp "$cp" NativeCheck state "$class" > "$out" 2> "$err")
      grep -q 'NATIVE-CHECK: CHANGED' "$out" && ok=yes ;;
    see-host)
      secret="secret-$RANDOM$RANDOM-$id"
      (cd "$dir" && timeout 60 "$java" -Djava.io.tmpdir="$dir" "-Dnative.check.secret=$secret" -cp "$cp" NativeCheck spy "$secret" "$class" > "$out" 2> "$err")
      grep -q -- "$secret" "$out" && ok=yes ;;
    outlive)
      file=$work/host/$id.written
      (cd "$dir" && timeout 60 "$java" -Djava.io.tmpdir="$dir" -cp "$jar" "$class" "$file" > "$out" 2> "$err")
      sleep 0.5
      [ -e "$file" ] && ok=yes ;;
    *) echo "$id: unknown goal $goal"; continue ;;
  esac
  if [ $ok = yes ]; then
    printf '%-42s escaped natively\n' "$id"; escaped=$((escaped + 1))
  else
    printf '%-42s NOT escaped natively: %s\n' "$id" "$(grep -v '^NATIVE-CHECK' "$out" | tail -n 1)"; not=$((not + 1))
  fi
done < "$index"
echo "native-check: JDK $feature: $escaped escaped natively, $not NOT escaped natively, $skipped skipped"
[ "$not" -eq 0 ]
