package example.guest;

/** A guest class that uses nothing the catalog lists and catches nothing a guest's end could reach. */
public final class Plain {

    private Plain() {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static String greet(String name) {
        return "hello, " + name;
    }
}
