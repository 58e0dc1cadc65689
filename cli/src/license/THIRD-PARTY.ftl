<#-- The license plugin's model (cli/pom.xml): dependencyMap holds entries of a dependency (a MavenProject, its pom with
     what it inherits) and its licence names, after override-THIRD-PARTY.properties named those a pom leaves out. -->
mvdcn's third-party components, ${dependencyMap?size} of them, from their Maven poms:
name | groupId:artifactId:version | licence | where the licence's text is
<#list dependencyMap as e>
<#assign p = e.getKey()/>
${(p.name)!p.artifactId} | ${p.groupId}:${p.artifactId}:${p.version} | ${e.getValue()?join(" / ")} | <#if p.licenses?has_content><#list p.licenses as l>${(l.url)!"(its pom names none)"}<#sep> / </#sep></#list><#else>LICENSES/ in this release</#if>
</#list>
