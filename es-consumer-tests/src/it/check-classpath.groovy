// Run after each user build (from its verify.groovy): every library that the user's build resolves and that es's
// own build resolves too must have the version es was tested with. A mismatch is how a user's build breaks at
// run time (a NoSuchMethodError in the driver's Jackson, say) while every test inside the reactor passes.

def resolved = { File list ->
  def versions = [:]
  list.eachLine { line ->
    def m = line =~ /^\s+([\w.\-]+):([\w.\-]+):([\w.\-]+)(?::([\w.\-]+))?:([\w.\-]+):(compile|provided|runtime|test|system)\b/
    if (m.find()) {
      String key = m.group(1) + ':' + m.group(2) + (m.group(4) ? ':' + m.group(4) : '')
      versions[key] = m.group(5)
    }
  }
  versions
}

def tested = resolved(new File(testedClasspath))
def user = resolved(new File(basedir, 'target/resolved-classpath.txt'))
assert tested.containsKey('com.fasterxml.jackson.core:jackson-core') : "no Jackson in ${testedClasspath}"
assert user.containsKey('com.fasterxml.jackson.core:jackson-core') : 'no Jackson in the user build: nothing was checked'

def shared = user.keySet().intersect(tested.keySet())
def wrong = shared.findAll { user[it] != tested[it] }.sort()
if (wrong) {
  throw new AssertionError("The user build ${basedir.name} resolves other versions than es is tested with:\n"
      + wrong.collect { "  ${it}: ${user[it]} (es is tested with ${tested[it]})" }.join('\n'))
}
println "${basedir.name}: ${shared.size()} libraries shared with es's build, all at the versions es is tested with"
return true
