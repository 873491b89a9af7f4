package io.jvisor.sandbox;

import java.io.ObjectInputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.IntrospectionException;
import javax.management.InvalidAttributeValueException;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.NotCompliantMBeanException;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import javax.management.OperationsException;
import javax.management.QueryExp;
import javax.management.ReflectionException;
import javax.management.loading.ClassLoaderRepository;

/**
 * What a hosted guest gets as the JVM's platform MBean server: one of its own for what it
 * registers, over the JVM's for the rest. Outside jvisor a program registers its MBeans in the
 * platform server of its own JVM; in the JVM it shares, they would be every program's, and a name
 * one guest took another could not (Tomcat's {@code Tomcat:type=Server}). Its own MBeans live in a
 * server no other program sees, which ends with it; the JVM's MBeans (its memory, threads, the
 * guests' MBeans) are read through, and a change of one of them ({@code setAttribute},
 * {@code invoke}, {@code unregisterMBean}) is decided as {@code global-state}, as the guard of the
 * JVM's server decides it. Classes named by a guest ({@code createMBean}, {@code instantiate}) are
 * loaded by its own loader.
 */
final class GuestMBeanServer implements MBeanServer {

    private final Guest guest;
    /** The guest's own beans: a server made by newMBeanServer, which no findMBeanServer lists. */
    private final MBeanServer own = MBeanServerFactory.newMBeanServer();
    private final MBeanServer jvms = ManagementFactory.getPlatformMBeanServer();

    GuestMBeanServer(Guest guest) {
        this.guest = guest;
    }

    /** Whether the guard of the JDK's MBean server is passed by this class: it decided the call itself. */
    static boolean isCaller(StackWalker.StackFrame frame) {
        return frame.getDeclaringClass() == GuestMBeanServer.class;
    }

    private boolean isOwn(ObjectName name) {
        return name != null && own.isRegistered(name);
    }

    /** The JVM's server, for a change of one of its MBeans once the guest's policy allowed it. */
    private MBeanServer jvmsToChange(String method) {
        guest.require("global-state", "call javax.management.MBeanServer." + method
                + " on the JVM's platform MBean server, which changes the JVM for every program in it");
        return jvms;
    }

    private MBeanServer serverOf(ObjectName name) {
        return isOwn(name) ? own : jvms;
    }

    /** The guest's loader; never the JVM's system loader, whose classes are the host's. */
    private ClassLoader loader() {
        ClassLoader loader = guest.classLoader();
        if (loader == null) {
            throw new IllegalStateException("jvisor: guest '" + guest.name() + "' has ended: its classes are gone");
        }
        return loader;
    }

    private Object instantiated(String className, ClassLoader loader, Object[] params, String[] signature)
            throws ReflectionException, MBeanException {
        try {
            Class<?> type = Class.forName(className, false, loader);
            int n = signature == null ? 0 : signature.length;
            Class<?>[] parameters = new Class<?>[n];
            for (int i = 0; i < n; i++) {
                parameters[i] = Class.forName(signature[i], false, loader);
            }
            Constructor<?> constructor = type.getConstructor(parameters);
            return constructor.newInstance(params == null ? new Object[0] : params);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception) {
                throw new MBeanException((Exception) e.getCause());
            }
            throw new ReflectionException(e);
        } catch (ReflectiveOperationException e) {
            throw new ReflectionException(e, "cannot instantiate " + className);
        }
    }

    private ClassLoader loaderNamed(ObjectName loaderName) throws InstanceNotFoundException {
        return loaderName == null ? loader() : own.getClassLoader(loaderName);
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name) throws ReflectionException,
            InstanceAlreadyExistsException, MBeanRegistrationException, MBeanException, NotCompliantMBeanException {
        return own.registerMBean(instantiated(className, loader(), null, null), name);
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, ObjectName loaderName) throws ReflectionException,
            InstanceAlreadyExistsException, MBeanRegistrationException, MBeanException, NotCompliantMBeanException,
            InstanceNotFoundException {
        return own.registerMBean(instantiated(className, loaderNamed(loaderName), null, null), name);
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, Object[] params, String[] signature)
            throws ReflectionException, InstanceAlreadyExistsException, MBeanRegistrationException, MBeanException,
            NotCompliantMBeanException {
        return own.registerMBean(instantiated(className, loader(), params, signature), name);
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, ObjectName loaderName, Object[] params,
            String[] signature) throws ReflectionException, InstanceAlreadyExistsException, MBeanRegistrationException,
            MBeanException, NotCompliantMBeanException, InstanceNotFoundException {
        return own.registerMBean(instantiated(className, loaderNamed(loaderName), params, signature), name);
    }

    @Override
    public ObjectInstance registerMBean(Object object, ObjectName name)
            throws InstanceAlreadyExistsException, MBeanRegistrationException, NotCompliantMBeanException {
        if (name != null && !name.isPattern() && jvms.isRegistered(name)) {
            throw new InstanceAlreadyExistsException(name.toString());
        }
        return own.registerMBean(object, name);
    }

    @Override
    public void unregisterMBean(ObjectName name) throws InstanceNotFoundException, MBeanRegistrationException {
        if (isOwn(name)) {
            own.unregisterMBean(name);
        } else {
            jvmsToChange("unregisterMBean").unregisterMBean(name);
        }
    }

    @Override
    public ObjectInstance getObjectInstance(ObjectName name) throws InstanceNotFoundException {
        return serverOf(name).getObjectInstance(name);
    }

    @Override
    public Set<ObjectInstance> queryMBeans(ObjectName name, QueryExp query) {
        Set<ObjectInstance> found = new LinkedHashSet<>(jvms.queryMBeans(name, query));
        found.addAll(own.queryMBeans(name, query));
        return found;
    }

    @Override
    public Set<ObjectName> queryNames(ObjectName name, QueryExp query) {
        Set<ObjectName> found = new LinkedHashSet<>(jvms.queryNames(name, query));
        found.addAll(own.queryNames(name, query));
        return found;
    }

    @Override
    public boolean isRegistered(ObjectName name) {
        return own.isRegistered(name) || jvms.isRegistered(name);
    }

    @Override
    public Integer getMBeanCount() {
        return own.getMBeanCount() + jvms.getMBeanCount() - 1; // both count their own delegate
    }

    @Override
    public Object getAttribute(ObjectName name, String attribute)
            throws MBeanException, AttributeNotFoundException, InstanceNotFoundException, ReflectionException {
        return serverOf(name).getAttribute(name, attribute);
    }

    @Override
    public AttributeList getAttributes(ObjectName name, String[] attributes) throws InstanceNotFoundException, ReflectionException {
        return serverOf(name).getAttributes(name, attributes);
    }

    @Override
    public void setAttribute(ObjectName name, Attribute attribute) throws InstanceNotFoundException, AttributeNotFoundException,
            InvalidAttributeValueException, MBeanException, ReflectionException {
        (isOwn(name) ? own : jvmsToChange("setAttribute")).setAttribute(name, attribute);
    }

    @Override
    public AttributeList setAttributes(ObjectName name, AttributeList attributes) throws InstanceNotFoundException, ReflectionException {
        return (isOwn(name) ? own : jvmsToChange("setAttributes")).setAttributes(name, attributes);
    }

    @Override
    public Object invoke(ObjectName name, String operationName, Object[] params, String[] signature)
            throws InstanceNotFoundException, MBeanException, ReflectionException {
        return (isOwn(name) ? own : jvmsToChange("invoke")).invoke(name, operationName, params, signature);
    }

    @Override
    public String getDefaultDomain() {
        return jvms.getDefaultDomain();
    }

    @Override
    public String[] getDomains() {
        Set<String> domains = new LinkedHashSet<>(List.of(jvms.getDomains()));
        domains.addAll(List.of(own.getDomains()));
        return domains.toArray(new String[0]);
    }

    @Override
    public void addNotificationListener(ObjectName name, NotificationListener listener, NotificationFilter filter, Object handback)
            throws InstanceNotFoundException {
        serverOf(name).addNotificationListener(name, listener, filter, handback);
    }

    @Override
    public void addNotificationListener(ObjectName name, ObjectName listener, NotificationFilter filter, Object handback)
            throws InstanceNotFoundException {
        serverOf(name).addNotificationListener(name, listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(ObjectName name, ObjectName listener)
            throws InstanceNotFoundException, ListenerNotFoundException {
        serverOf(name).removeNotificationListener(name, listener);
    }

    @Override
    public void removeNotificationListener(ObjectName name, ObjectName listener, NotificationFilter filter, Object handback)
            throws InstanceNotFoundException, ListenerNotFoundException {
        serverOf(name).removeNotificationListener(name, listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(ObjectName name, NotificationListener listener)
            throws InstanceNotFoundException, ListenerNotFoundException {
        serverOf(name).removeNotificationListener(name, listener);
    }

    @Override
    public void removeNotificationListener(ObjectName name, NotificationListener listener, NotificationFilter filter, Object handback)
            throws InstanceNotFoundException, ListenerNotFoundException {
        serverOf(name).removeNotificationListener(name, listener, filter, handback);
    }

    @Override
    public MBeanInfo getMBeanInfo(ObjectName name) throws InstanceNotFoundException, IntrospectionException, ReflectionException {
        return serverOf(name).getMBeanInfo(name);
    }

    @Override
    public boolean isInstanceOf(ObjectName name, String className) throws InstanceNotFoundException {
        return serverOf(name).isInstanceOf(name, className);
    }

    @Override
    public Object instantiate(String className) throws ReflectionException, MBeanException {
        return instantiated(className, loader(), null, null);
    }

    @Override
    public Object instantiate(String className, ObjectName loaderName) throws ReflectionException, MBeanException,
            InstanceNotFoundException {
        return instantiated(className, loaderNamed(loaderName), null, null);
    }

    @Override
    public Object instantiate(String className, Object[] params, String[] signature) throws ReflectionException, MBeanException {
        return instantiated(className, loader(), params, signature);
    }

    @Override
    public Object instantiate(String className, ObjectName loaderName, Object[] params, String[] signature)
            throws ReflectionException, MBeanException, InstanceNotFoundException {
        return instantiated(className, loaderNamed(loaderName), params, signature);
    }

    @Override
    @Deprecated
    public ObjectInputStream deserialize(ObjectName name, byte[] data) throws OperationsException {
        throw new OperationsException("deserialize is not supported by a guest's MBean server");
    }

    @Override
    @Deprecated
    public ObjectInputStream deserialize(String className, byte[] data) throws OperationsException {
        throw new OperationsException("deserialize is not supported by a guest's MBean server");
    }

    @Override
    @Deprecated
    public ObjectInputStream deserialize(String className, ObjectName loaderName, byte[] data) throws OperationsException {
        throw new OperationsException("deserialize is not supported by a guest's MBean server");
    }

    @Override
    public ClassLoader getClassLoaderFor(ObjectName mbeanName) throws InstanceNotFoundException {
        return serverOf(mbeanName).getClassLoaderFor(mbeanName);
    }

    @Override
    public ClassLoader getClassLoader(ObjectName loaderName) throws InstanceNotFoundException {
        return loaderName == null ? loader() : serverOf(loaderName).getClassLoader(loaderName);
    }

    /** The guest's loader alone: the repository of a server lists the JVM's system class loader, whose classes are the host's. */
    @Override
    public ClassLoaderRepository getClassLoaderRepository() {
        return new ClassLoaderRepository() {
            @Override
            public Class<?> loadClass(String className) throws ClassNotFoundException {
                return Class.forName(className, false, loader());
            }

            @Override
            public Class<?> loadClassWithout(ClassLoader exclude, String className) throws ClassNotFoundException {
                return loadClass(className);
            }

            @Override
            public Class<?> loadClassBefore(ClassLoader stop, String className) throws ClassNotFoundException {
                return loadClass(className);
            }
        };
    }
}
