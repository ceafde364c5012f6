// the Spring Boot user is checked against the classpath of es-examples-spring-boot, es's own Boot application
testedClasspath = bootTestedClasspath
evaluate(new File(classpathCheck))
