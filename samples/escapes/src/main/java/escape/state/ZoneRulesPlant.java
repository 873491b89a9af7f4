package escape.state;

import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.time.zone.ZoneRulesProvider;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Registers a provider of time-zone rules, one list for the JVM: every program's
 * {@code ZoneId.of("Escape/Planted")} calls its code, on that program's own thread, and finds its
 * rules, after the guest ended too.
 *
 * <p>Source: JDK API, {@code ZoneRulesProvider.registerProvider},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/time/zone/ZoneRulesProvider.html#registerProvider(java.time.zone.ZoneRulesProvider)
 */
public final class ZoneRulesPlant {

    private ZoneRulesPlant() {
    }

    public static void main(String[] args) {
        try {
            ZoneRulesProvider.registerProvider(new ZoneRulesProvider() {
                @Override
                protected Set<String> provideZoneIds() {
                    return Set.of("Escape/Planted");
                }

                @Override
                protected ZoneRules provideRules(String zoneId, boolean forCaching) {
                    return ZoneRules.of(ZoneOffset.ofHours(15 - 30));
                }

                @Override
                protected NavigableMap<String, ZoneRules> provideVersions(String zoneId) {
                    return new TreeMap<>();
                }
            });
            System.out.println("state-zone-rules-provider: the JVM's zones now include Escape/Planted: "
                    + java.time.ZoneId.getAvailableZoneIds().contains("Escape/Planted"));
        } catch (Throwable t) {
            System.out.println("state-zone-rules-provider: " + t);
        }
    }
}
