package escape.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import jdk.dynalink.CallSiteDescriptor;
import jdk.dynalink.DynamicLinker;
import jdk.dynalink.DynamicLinkerFactory;
import jdk.dynalink.StandardNamespace;
import jdk.dynalink.StandardOperation;
import jdk.dynalink.beans.StaticClass;
import jdk.dynalink.support.SimpleRelinkableCallSite;

/**
 * Has the JDK's {@code jdk.dynalink} linker set the system property {@code java.io.tmpdir}: the
 * guest names the class and the method, and the linker's code looks the method up and makes its
 * handle (as Nashorn's scripts call Java), so only a guard on the lookups' making of handles sees it.
 *
 * <p>Source: JDK API, {@code jdk.dynalink} (JEP 276: Dynamic Linking of Language-Defined Object
 * Models), https://openjdk.org/jeps/276
 */
public final class DynalinkCall {

    private DynalinkCall() {
    }

    public static void main(String[] args) {
        try {
            DynamicLinker linker = new DynamicLinkerFactory().createLinker();
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            CallSiteDescriptor get = new CallSiteDescriptor(lookup,
                    StandardOperation.GET.withNamespace(StandardNamespace.METHOD).named("setProperty"),
                    MethodType.methodType(Object.class, Object.class));
            Object method = linker.link(new SimpleRelinkableCallSite(get)).dynamicInvoker().invoke(StaticClass.forClass(System.class));
            CallSiteDescriptor call = new CallSiteDescriptor(lookup, StandardOperation.CALL,
                    MethodType.methodType(Object.class, Object.class, Object.class, Object.class, Object.class));
            linker.link(new SimpleRelinkableCallSite(call)).dynamicInvoker().invoke(method, null, "java.io.tmpdir", "/escaped-tmpdir");
            System.out.println("state-dynalink: called");
        } catch (Throwable t) {
            System.out.println("state-dynalink: " + t);
        }
    }
}
