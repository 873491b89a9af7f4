package guest.sqlite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * JDBC as programs use it, over SQLite: opens the database file its argument names
 * ({@code notes.db} by default), makes a table of notes, writes three, and prints them back by a
 * query, then the file's size as SQLite reports it. SQLite's driver loads its native library first.
 */
public final class SqliteDriver {

    private SqliteDriver() {
    }

    public static void main(String[] args) throws SQLException {
        String file = args.length > 0 ? args[0] : "notes.db";
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("create table notes (id integer primary key, text text not null)");
            }
            try (PreparedStatement insert = db.prepareStatement("insert into notes (text) values (?)")) {
                for (String text : new String[] {"first", "second", "third"}) {
                    insert.setString(1, text);
                    insert.executeUpdate();
                }
            }
            try (Statement s = db.createStatement();
                    ResultSet notes = s.executeQuery("select id, text from notes order by id")) {
                while (notes.next()) {
                    System.out.println(notes.getInt(1) + " " + notes.getString(2));
                }
            }
            try (Statement s = db.createStatement();
                    ResultSet size = s.executeQuery("select page_count * page_size from pragma_page_count(), pragma_page_size()")) {
                System.out.println("database of " + size.getLong(1) + " bytes");
            }
        }
    }
}
