package io.bourse.edge.web;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The embedded servlet container answers its own errors as problems too ({@link ProblemErrorReportValve}),
 * and times each place from its arrival ({@link PlacesInProgress}).
 */
@Configuration(proxyBeanMethods = false)
public class ContainerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    PlacesInProgress placesInProgress(final Clock clock) {
        return new PlacesInProgress(clock);
    }

    /** First of all filters, on the place's first dispatch and on the one that writes its answer. */
    @Bean
    FilterRegistrationBean<PlacesInProgress> placesInProgressFilter(final PlacesInProgress places) {
        final FilterRegistrationBean<PlacesInProgress> registration = new FilterRegistrationBean<>(places);
        registration.addUrlPatterns(PlacesInProgress.PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
