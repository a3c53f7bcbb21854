package io.github.salesforcejwt.test.quickstart;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application around the README's {@link AccountService}.
 */
@SpringBootApplication
class QuickStartApplication {

}
