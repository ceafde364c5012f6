// The point of es-fixtures: a user who only wants the fixtures gets neither Docker's nor Maven's libraries.
def forbidden = ['org.testcontainers:', 'org.apache.maven.resolver:', 'com.github.docker-java:']
def classpath = new File(basedir, 'target/resolved-classpath.txt').readLines()
def found = classpath.findAll { line -> forbidden.any { line.trim().startsWith(it) } }
assert !found : "fixtures-only-user resolves what only es-testkit needs:\n${found.join('\n')}"
assert classpath.any { it.trim().startsWith('dev.es:es-fixtures:') } : 'es-fixtures is not on the classpath'
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.tally.TallyTest.xml')
def ran = report.isFile() && report.text.contains('tests="2"') && report.text.contains('failures="0"')
assert ran : "TallyTest did not pass its 2 tests: ${report}"

evaluate(new File(classpathCheck))
