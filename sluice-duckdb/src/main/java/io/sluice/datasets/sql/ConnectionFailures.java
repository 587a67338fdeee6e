package io.sluice.datasets.sql;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns the failure of a first connection to a database server into what went wrong and what to
 * fix — authentication failed, no such database, unknown host, connection refused — from the
 * SQLState and the cause the driver gives. Messages never show a password: the driver's own
 * message is masked too, since some drivers repeat the URL.
 */
final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /** {@code failure} explained for {@code target}; the SQLState and the cause are kept. */
    static SQLException explain(JdbcTarget target, SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        Throwable root = rootCause(failure);
        String problem;
        String fix;
        if (state.startsWith("28")) { // invalid authorization specification: user or password
            problem = "authentication failed" + (target.user() == null ? "" : " for user '" + target.user() + "'");
            fix = "Check the user and password in " + (target.credentialsSource() != null
                    ? target.credentialsSource() : "the entry's credentials (credentials: {user: ..., password: ...})")
                    + ".";
        } else if (state.equals("3D000")) { // invalid catalog name
            problem = "the database does not exist on the server";
            fix = "Fix the database name in the url, or create the database.";
        } else if (root instanceof UnknownHostException && String.valueOf(root.getMessage()).contains("@")) {
            problem = "host '" + target.mask(root.getMessage()) + "' is not found";
            fix = "The driver reads the url's user:password@ as part of the host name: give the user and password "
                    + "in credentials (credentials: {user: ..., password: ...}) and leave them out of the url.";
        } else if (root instanceof UnknownHostException) {
            problem = "host '" + target.mask(root.getMessage()) + "' is not found";
            fix = "Fix the host name in the url; it must resolve from this machine.";
        } else if (root instanceof ConnectException) {
            problem = "the connection was refused";
            fix = "Check that the server is running and listens on the host and port of the url.";
        } else if (root instanceof SocketTimeoutException || root instanceof NoRouteToHostException) {
            problem = "the server did not answer";
            fix = "Check the host and port of the url, and that no firewall drops the connection.";
        } else if (failure.getMessage() != null && failure.getMessage().startsWith("No suitable driver")) {
            problem = "no JDBC driver on the class path accepts this url";
            fix = "Check the url's form (jdbc:<database>://host:port/name), and add the database's JDBC driver to "
                    + "the project's dependencies (org.postgresql:postgresql for jdbc:postgresql:).";
        } else {
            problem = "the connection failed";
            fix = "See the driver's message.";
        }
        String driver = target.mask(String.valueOf(failure.getMessage()));
        return new SQLException("cannot connect" + (target.user() == null ? "" : " as user '" + target.user() + "'")
                + ": " + problem + " (" + driver + (state.isEmpty() ? "" : "; SQLState " + state) + "). " + fix,
                failure.getSQLState(), failure);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
