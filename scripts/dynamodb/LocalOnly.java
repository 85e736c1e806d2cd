// Starts DynamoDB Local as its own main class does, but listening on 127.0.0.1 only: DynamoDB
// Local has no option for the address and binds every interface, which on a shared or cloud
// machine exposes an unauthenticated database. Run in source-file mode by scripts/emulators.sh:
//   java -cp DynamoDBLocal.jar scripts/dynamodb/LocalOnly.java -inMemory -port N

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LocalOnly {
    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        boolean bound = false;
        for (java.lang.reflect.Field f : DynamoDBProxyServer.class.getDeclaredFields()) {
            if (Server.class.isAssignableFrom(f.getType())) {
                f.setAccessible(true);
                for (Connector c : ((Server) f.get(proxy)).getConnectors()) {
                    if (c instanceof ServerConnector) {
                        ((ServerConnector) c).setHost("127.0.0.1");
                        bound = true;
                    }
                }
            }
        }
        if (!bound) {
            throw new IllegalStateException("found no connector to bind to 127.0.0.1");
        }
        proxy.start();
        proxy.join();
    }
}
