package io.ripple.agent.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReloadPlannerTest {

    private static final Path BASE = Path.of("/srv/tomcat-1");
    private static final List<TomcatHost> HOSTS = List.of(
            new TomcatHost("localhost", BASE.resolve("webapps"), BASE.resolve("conf/Catalina/localhost")),
            new TomcatHost("shop.example", BASE.resolve("shop-apps"), BASE.resolve("conf/Catalina/shop.example")));

    private static ReloadPlanner.Plan plan(String... files) {
        return ReloadPlanner.plan(Arrays.stream(files).map(BASE::resolve).toList(), HOSTS);
    }

    @Test
    void aStaticFileReloadsItsApplicationOnly() {
        ReloadPlanner.Plan plan = plan("webapps/ROOT/hello.txt");
        assertThat(plan.inProcess()).isTrue();
        assertThat(plan.contexts()).containsExactly(new ContextTarget("localhost", "ROOT", false));
    }

    @Test
    void filesOfSeveralApplicationsReloadEachOnceInTheOrderFirstTouched() {
        ReloadPlanner.Plan plan = plan("webapps/shop/WEB-INF/web.xml", "webapps/ROOT/a.txt", "webapps/shop/WEB-INF/lib/x.jar",
                "shop-apps/ROOT/index.html");
        assertThat(plan.contexts()).containsExactly(new ContextTarget("localhost", "shop", false),
                new ContextTarget("localhost", "ROOT", false), new ContextTarget("shop.example", "ROOT", false));
    }

    @Test
    void aContextFileOrMetaInfContextXmlRedeploysForTomcatReadsThemOnlyAtDeployment() {
        assertThat(plan("conf/Catalina/localhost/shop.xml").contexts())
                .containsExactly(new ContextTarget("localhost", "shop", true));
        assertThat(plan("webapps/shop/index.html", "webapps/shop/META-INF/context.xml").contexts())
                .containsExactly(new ContextTarget("localhost", "shop", true));
    }

    @ParameterizedTest
    @CsvSource({
        "conf/server.xml",
        "conf/tomcat-users.xml",
        "conf/context.xml",
        "conf/web.xml",
        "ripple.conf",
        "webapps/shop.war",
        "webapps/readme.txt",
        "conf/Catalina/localhost/notes/a.xml",
        "conf/Catalina/localhost/shop.properties",
        "bin/setenv.sh",
    })
    void anyOtherFileRestartsTheProcess(String file) {
        ReloadPlanner.Plan plan = plan(file);
        assertThat(plan.inProcess()).isFalse();
        assertThat(plan.processRestart()).contains(BASE.resolve(file).toString())
                .contains("neither a file of an exploded web application");
    }

    @Test
    void oneFileOutsideTheApplicationsRestartsTheProcessForTheWholeChange() {
        ReloadPlanner.Plan plan = plan("webapps/ROOT/hello.txt", "conf/tomcat-users.xml");
        assertThat(plan.inProcess()).isFalse();
        assertThat(plan.contexts()).isEmpty();
    }

    @Test
    void noFileIsNoReload() {
        assertThat(plan().inProcess()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "ROOT,         '',            //localhost/,          / on localhost",
        "shop,         /shop,         //localhost/shop,      /shop on localhost",
        "shop#admin,   /shop/admin,   //localhost/shop/admin, /shop/admin on localhost",
        "shop##2,      /shop##2,      //localhost/shop##2,   /shop##2 on localhost",
        "ROOT##2,      ##2,           //localhost/##2,       ##2 on localhost",
    })
    void contextNamesAreTomcats(String baseName, String contextName, String webModule, String described) {
        ContextTarget target = new ContextTarget("localhost", baseName, false);
        assertThat(target.contextName()).isEqualTo(contextName);
        assertThat(target.webModuleName()).isEqualTo(webModule);
        assertThat(target.describe()).isEqualTo(described);
    }
}
