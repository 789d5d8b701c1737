<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Vigie::Acknowledgement</name>
    <message>
        <source>by %1</source>
        <translation>par %1</translation>
    </message>
    <message>
        <source>by %1: %2</source>
        <translation>par %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Vigie::Alert</name>
    <message>
        <source>Resolved: %1</source>
        <translation>Rétabli&#xa0;: %1</translation>
    </message>
    <message>
        <source>Down: %1</source>
        <translation>En panne&#xa0;: %1</translation>
    </message>
    <message>
        <source>Degraded: %1</source>
        <translation>Dégradé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Certificate expiring: %1</source>
        <translation>Certificat bientôt expiré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Flapping: %1</source>
        <translation>Instable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Was down for %1, since %2.</source>
        <translation>Était en panne depuis %2, pendant %1.</translation>
    </message>
    <message>
        <source>Was degraded for %1, since %2.</source>
        <translation>Était dégradé depuis %2, pendant %1.</translation>
    </message>
    <message>
        <source>Was in its certificate&apos;s warning window for %1, since %2.</source>
        <translation>Son certificat était dans sa période d’avertissement depuis %2, pendant %1.</translation>
    </message>
    <message>
        <source>Was flapping for %1, since %2.</source>
        <translation>Était instable depuis %2, pendant %1.</translation>
    </message>
    <message numerus="yes">
        <source>Changed state %n times since %1.</source>
        <translation>
            <numerusform>A changé d’état %n fois depuis %1.</numerusform>
            <numerusform>A changé d’état %n fois depuis %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Now %1.</source>
        <translation>Maintenant %1.</translation>
    </message>
    <message>
        <source>Since %1.</source>
        <translation>Depuis %1.</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 et %n autre</numerusform>
            <numerusform>%1 et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Also failed because of it: %1.</source>
        <translation>En panne aussi à cause de lui&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Also failing because of it: %1.</source>
        <translation>En panne aussi à cause de lui&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>Vigie::AlertCenter</name>
    <message>
        <source>The workspace declares no channel %1.</source>
        <translation>L’espace de travail ne déclare aucun canal %1.</translation>
    </message>
</context>
<context>
    <name>Vigie::AlertCommand</name>
    <message>
        <source>The acknowledgement is kept, but its line in the event log could not be written to %1.</source>
        <translation>L’acquittement est conservé, mais sa ligne dans le journal des événements n’a pu être écrite dans %1.</translation>
    </message>
    <message>
        <source>all alerts</source>
        <translation>toutes les alertes</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>groupe %1</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>service %1</translation>
    </message>
    <message>
        <source>until unmuted</source>
        <translation>jusqu’à réactivation</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>jusqu’au %1</translation>
    </message>
    <message>
        <source>%1 has no service &quot;%2&quot;; its services are: %3.</source>
        <translation>%1 n’a pas de service «&#xa0;%2&#xa0;»&#xa0;; ses services sont&#xa0;: %3.</translation>
    </message>
    <message>
        <source>%1 has no group &quot;%2&quot;; its groups are: %3.</source>
        <translation>%1 n’a pas de groupe «&#xa0;%2&#xa0;»&#xa0;; ses groupes sont&#xa0;: %3.</translation>
    </message>
    <message>
        <source>No service is acknowledged.</source>
        <translation>Aucun service n’est acquitté.</translation>
    </message>
    <message>
        <source>SERVICE</source>
        <translation>SERVICE</translation>
    </message>
    <message>
        <source>SINCE</source>
        <translation>DEPUIS</translation>
    </message>
    <message>
        <source>BY</source>
        <translation>PAR</translation>
    </message>
    <message>
        <source>COMMENT</source>
        <translation>COMMENTAIRE</translation>
    </message>
    <message>
        <source>No mute is in force.</source>
        <translation>Aucune mise en sourdine en cours.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>MUTED</source>
        <translation>EN SOURDINE</translation>
    </message>
    <message>
        <source>UNTIL</source>
        <translation>JUSQU’À</translation>
    </message>
    <message>
        <source>unmuted</source>
        <translation>réactivation</translation>
    </message>
    <message>
        <source>Acknowledged %1: its alerts are held back until it recovers.</source>
        <translation>%1 acquitté&#xa0;: ses alertes sont retenues jusqu’à son rétablissement.</translation>
    </message>
    <message>
        <source>%1 is no longer acknowledged: its alerts are told again.</source>
        <translation>%1 n’est plus acquitté&#xa0;: ses alertes sont de nouveau envoyées.</translation>
    </message>
    <message>
        <source>%1 was not acknowledged.</source>
        <translation>%1 n’était pas acquitté.</translation>
    </message>
    <message>
        <source>All alerts muted %1.</source>
        <translation>Toutes les alertes en sourdine %1.</translation>
    </message>
    <message>
        <source>Alerts of group %1 muted %2.</source>
        <translation>Alertes du groupe %1 en sourdine %2.</translation>
    </message>
    <message>
        <source>Alerts of service %1 muted %2.</source>
        <translation>Alertes du service %1 en sourdine %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n mute(s) ended.</source>
        <translation>
            <numerusform>%n mise en sourdine levée.</numerusform>
            <numerusform>%n mises en sourdine levées.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::AlertStore</name>
    <message>
        <source>The alerts database %1 failed: %2.</source>
        <translation>La base des alertes %1 a échoué&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The alerts database is not open.</source>
        <translation>La base des alertes n’est pas ouverte.</translation>
    </message>
    <message>
        <source>No alert delivery %1.</source>
        <translation>Aucun envoi d’alerte %1.</translation>
    </message>
    <message>
        <source>The alert delivery %1 is no longer held by %2.</source>
        <translation>L’envoi d’alerte %1 n’est plus tenu par %2.</translation>
    </message>
    <message>
        <source>The alerts database is already open on %1.</source>
        <translation>La base des alertes est déjà ouverte sur %1.</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1 for the alerts database.</source>
        <translation>Impossible de créer le dossier de données %1 pour la base des alertes.</translation>
    </message>
</context>
<context>
    <name>Vigie::AvailabilityModel</name>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilité</translation>
    </message>
    <message>
        <source>Outages</source>
        <translation>Pannes</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>Indisponibilité</translation>
    </message>
    <message>
        <source>Longest</source>
        <translation>La plus longue</translation>
    </message>
    <message>
        <source>MTTR</source>
        <translation>MTTR</translation>
    </message>
    <message>
        <source>MTBF</source>
        <translation>MTBF</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Sans données</translation>
    </message>
</context>
<context>
    <name>Vigie::BoardView</name>
    <message>
        <source>Group %1</source>
        <translation>Groupe %1</translation>
    </message>
    <message>
        <source>%1; group %2</source>
        <comment>a tile&apos;s description: what the probes found, then its group</comment>
        <translation>%1&#xa0;; groupe %2</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Afficher les détails</translation>
    </message>
</context>
<context>
    <name>Vigie::CachetTarget</name>
    <message>
        <source>the title has %1 characters; Cachet accepts at most %2</source>
        <translation>le titre compte %1 caractères&#xa0;; Cachet en accepte au plus %2</translation>
    </message>
    <message>
        <source>update %1 takes %2 bytes; Cachet keeps at most %3</source>
        <translation>la mise à jour %1 fait %2&#xa0;octets&#xa0;; Cachet en conserve au plus %3</translation>
    </message>
    <message>
        <source>the notice has no update to publish</source>
        <translation>l’avis n’a aucune mise à jour à publier</translation>
    </message>
    <message>
        <source>the incident %1 is no longer on %2</source>
        <translation>l’incident %1 n’est plus sur %2</translation>
    </message>
    <message>
        <source>%1 has no component %2; check the site&apos;s &apos;components&apos;</source>
        <translation>%1 n’a pas de composant %2&#xa0;; vérifiez la clé «&#xa0;components&#xa0;» du site</translation>
    </message>
    <message>
        <source>the maintenance %1 is no longer on %2</source>
        <translation>la maintenance %1 n’est plus sur %2</translation>
    </message>
    <message>
        <source>the notice has not been published to %1</source>
        <translation>l’avis n’a pas été publié sur %1</translation>
    </message>
    <message>
        <source>the maintenance is no longer on %1</source>
        <translation>la maintenance n’est plus sur %1</translation>
    </message>
    <message>
        <source>the incident is no longer on %1</source>
        <translation>l’incident n’est plus sur %1</translation>
    </message>
</context>
<context>
    <name>Vigie::ChartPanel</name>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation>6 dernières heures</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Dernière année</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Période personnalisée</translation>
    </message>
    <message>
        <source>Range start</source>
        <translation>Début de la période</translation>
    </message>
    <message>
        <source>Range end</source>
        <translation>Fin de la période</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Réinitialiser le zoom</translation>
    </message>
    <message>
        <source>Back to the whole range (Home, or a double click on a chart)</source>
        <translation>Revenir à toute la période (Origine, ou double-clic sur un graphique)</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <source>Split the response time into its phases</source>
        <translation>Décomposer le temps de réponse en phases</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>Image PNG…</translation>
    </message>
    <message>
        <source>SVG image…</source>
        <translation>Image SVG…</translation>
    </message>
    <message>
        <source>CSV, points as shown…</source>
        <translation>CSV, points affichés…</translation>
    </message>
    <message>
        <source>CSV, every recorded point…</source>
        <translation>CSV, tous les points enregistrés…</translation>
    </message>
    <message>
        <source>%1 – %2 (%3)</source>
        <translation>%1 – %2 (%3)</translation>
    </message>
    <message>
        <source>%1, %2: before (the same length) → during</source>
        <translation>%1, %2&#xa0;: avant (même durée) → pendant</translation>
    </message>
    <message>
        <source>%1, %2: %3 → %4</source>
        <translation>%1, %2&#xa0;: %3 → %4</translation>
    </message>
    <message>
        <source>%1, %2: mean %3 → %4, p95 %5 → %6, max %7 → %8</source>
        <translation>%1, %2&#xa0;: moyenne %3 → %4, p95 %5 → %6, max %7 → %8</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1&#xa0;: %2 (%3)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>Images SVG (*.svg)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the charts</source>
        <translation>Exporter les graphiques</translation>
    </message>
    <message>
        <source>charts</source>
        <translation>graphiques</translation>
    </message>
</context>
<context>
    <name>Vigie::CheckCommand</name>
    <message>
        <source>SERVICE</source>
        <translation>SERVICE</translation>
    </message>
    <message>
        <source>PROBE</source>
        <translation>SONDE</translation>
    </message>
    <message>
        <source>TARGET</source>
        <translation>CIBLE</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <source>LATENCY</source>
        <translation>LATENCE</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>ERREUR</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>avertissement&#xa0;: %1</translation>
    </message>
    <message>
        <source>warning: the secret &quot;%1&quot; is not in the keychain: the probes that use it fail until you add it with: vigie secret set %1</source>
        <translation>avertissement&#xa0;: le secret &quot;%1&quot; n’est pas dans le trousseau&#xa0;: les sondes qui l’utilisent échouent tant que vous ne l’ajoutez pas avec&#xa0;: vigie secret set %1</translation>
    </message>
</context>
<context>
    <name>Vigie::CommandChannel</name>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 n’a pas pu être lancé&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 was killed after %2 s</source>
        <translation>%1 a été tué après %2&#xa0;s</translation>
    </message>
    <message>
        <source>%1 crashed</source>
        <translation>%1 a planté</translation>
    </message>
    <message>
        <source>%1 crashed: %2</source>
        <translation>%1 a planté&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 exited with code %2</source>
        <translation>%1 s’est terminé avec le code %2</translation>
    </message>
    <message>
        <source>%1 exited with code %2: %3</source>
        <translation>%1 s’est terminé avec le code %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 exited with code 0</source>
        <translation>%1 s’est terminé avec le code 0</translation>
    </message>
    <message>
        <source>the channel has no command</source>
        <translation>le canal n’a pas de commande</translation>
    </message>
</context>
<context>
    <name>Vigie::Condition</name>
    <message>
        <source>the condition is empty</source>
        <translation>la condition est vide</translation>
    </message>
    <message>
        <source>%1() goes on the right side of == or !=, as in [BODY].name == pat(api-*)</source>
        <translation>%1() se place à droite de == ou !=, comme dans [BODY].name == pat(api-*)</translation>
    </message>
    <message>
        <source>%1() takes a placeholder, as in %1([BODY].items)</source>
        <translation>%1() prend un marqueur, comme dans %1([BODY].items)</translation>
    </message>
    <message>
        <source>missing ) to close %1(</source>
        <translation>il manque ) pour fermer %1(</translation>
    </message>
    <message>
        <source>len() measures [BODY], a [BODY] path, a [HEADER], [IP], [DNS_RCODE] or [DNS_ANSWERS], not %1</source>
        <translation>len() mesure [BODY], un chemin de [BODY], un [HEADER], [IP], [DNS_RCODE] ou [DNS_ANSWERS], pas %1</translation>
    </message>
    <message>
        <source>has() checks a [BODY] path or a [HEADER], not %1</source>
        <translation>has() vérifie un chemin de [BODY] ou un [HEADER], pas %1</translation>
    </message>
    <message>
        <source>a condition starts with a placeholder such as [STATUS] or [BODY].status, or with len() or has()</source>
        <translation>une condition commence par un marqueur comme [STATUS] ou [BODY].status, ou par len() ou has()</translation>
    </message>
    <message>
        <source>unterminated placeholder: missing ]</source>
        <translation>marqueur non terminé&#xa0;: il manque ]</translation>
    </message>
    <message>
        <source>unknown placeholder %1; did you mean %2?</source>
        <translation>marqueur %1 inconnu&#xa0;; vouliez-vous dire %2&#xa0;?</translation>
    </message>
    <message>
        <source>[HEADER] needs a header name, as in [HEADER].Content-Type</source>
        <translation>[HEADER] a besoin d’un nom d’en-tête, comme dans [HEADER].Content-Type</translation>
    </message>
    <message>
        <source>%1 takes no path</source>
        <translation>%1 ne prend pas de chemin</translation>
    </message>
    <message>
        <source>a name is missing in the JSON path after the dot</source>
        <translation>il manque un nom dans le chemin JSON après le point</translation>
    </message>
    <message>
        <source>an index in a JSON path is a number between brackets, as in [BODY].items[0]</source>
        <translation>un index dans un chemin JSON est un nombre entre crochets, comme dans [BODY].items[0]</translation>
    </message>
    <message>
        <source>a single = is not an operator: write == to compare</source>
        <translation>un seul = n’est pas un opérateur&#xa0;: écrivez == pour comparer</translation>
    </message>
    <message>
        <source>missing operator after %1: expected ==, !=, &lt;, &lt;=, &gt;, &gt;=, =~ or !~</source>
        <translation>opérateur manquant après %1&#xa0;; attendu&#xa0;: ==, !=, &lt;, &lt;=, &gt;, &gt;=, =~ ou !~</translation>
    </message>
    <message>
        <source>unterminated string: the closing &quot; is missing</source>
        <translation>chaîne non terminée&#xa0;: il manque le &quot; fermant</translation>
    </message>
    <message>
        <source>a value is missing in any()</source>
        <translation>il manque une valeur dans any()</translation>
    </message>
    <message>
        <source>the values of any() are separated by commas</source>
        <translation>les valeurs de any() sont séparées par des virgules</translation>
    </message>
    <message>
        <source>a value is missing after %1</source>
        <translation>il manque une valeur après %1</translation>
    </message>
    <message>
        <source>%1() only works with == and !=</source>
        <translation>%1() ne fonctionne qu’avec == et !=</translation>
    </message>
    <message>
        <source>unexpected text after the closing quote</source>
        <translation>texte inattendu après le guillemet fermant</translation>
    </message>
    <message>
        <source>the right side is a value such as 200, UP or &quot;text&quot;, not a placeholder</source>
        <translation>le côté droit est une valeur comme 200, UP ou &quot;texte&quot;, pas un marqueur</translation>
    </message>
    <message>
        <source>the regular expression is not valid at character %1: %2</source>
        <translation>l’expression régulière n’est pas valide au caractère %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>has() is compared with true or false, as in has([BODY].id) == true</source>
        <translation>has() se compare à true ou false, comme dans has([BODY].id) == true</translation>
    </message>
    <message>
        <source>%1 cannot be ordered: compare it with == or !=</source>
        <translation>%1 ne peut pas être ordonné&#xa0;: comparez-le avec == ou !=</translation>
    </message>
    <message>
        <source>%1 is a duration: compare it with a duration such as 48h, 30d or 1h30m, or with milliseconds, not &quot;%2&quot;</source>
        <translation>%1 est une durée&#xa0;: comparez-le à une durée comme 48h, 30d ou 1h30m, ou à un nombre de millisecondes, pas à &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 is a number: compare it with a number, not &quot;%2&quot;</source>
        <translation>%1 est un nombre&#xa0;: comparez-le à un nombre, pas à &quot;%2&quot;</translation>
    </message>
    <message>
        <source>[CONNECTED] is compared with true or false</source>
        <translation>[CONNECTED] se compare à true ou false</translation>
    </message>
    <message>
        <source>the body is empty</source>
        <translation>le corps de la réponse est vide</translation>
    </message>
    <message>
        <source>the body is not JSON (line %1, column %2: %3)</source>
        <translation>le corps de la réponse n’est pas du JSON (ligne %1, colonne %2&#xa0;: %3)</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>échec de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is not available for this probe</source>
        <translation>%1 n’est pas disponible pour cette sonde</translation>
    </message>
    <message>
        <source>%1 was %2</source>
        <translation>%1 valait %2</translation>
    </message>
    <message>
        <source>there were no DNS answers</source>
        <translation>il n’y a eu aucune réponse DNS</translation>
    </message>
    <message>
        <source>%1 were %2</source>
        <translation>%1 valaient %2</translation>
    </message>
    <message>
        <source>the response has no %1 header</source>
        <translation>la réponse n’a pas d’en-tête %1</translation>
    </message>
    <message>
        <source>the body has no &quot;%1&quot;</source>
        <translation>le corps de la réponse ne contient pas de &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>Vigie::DesktopNotifier</name>
    <message>
        <source>Show in Vigie</source>
        <translation>Afficher dans Vigie</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
</context>
<context>
    <name>Vigie::DnsProber</name>
    <message>
        <source>+%1 more</source>
        <translation>+%1 autres</translation>
    </message>
    <message>
        <source>%1 does not exist (NXDOMAIN from %2)</source>
        <translation>%1 n’existe pas (NXDOMAIN renvoyé par %2)</translation>
    </message>
    <message>
        <source>no answer from %1 for %2 (the resolver gave up after %3 s)</source>
        <translation>%1 n’a pas répondu pour %2 (le résolveur a abandonné après %3 s)</translation>
    </message>
    <message>
        <source>looking up the %1 records of %2 at %3 failed: %4</source>
        <translation>la recherche des enregistrements %1 de %2 a échoué (serveur&#xa0;: %3)&#xa0;: %4</translation>
    </message>
    <message>
        <source>%1 has no %2 records at %3</source>
        <translation>selon %3, %1 n’a aucun enregistrement %2</translation>
    </message>
    <message>
        <source>%1 not among the %2 answers for %3 (%4)</source>
        <translation>%1 absent des réponses %2 pour %3 (%4)</translation>
    </message>
    <message>
        <source>no %1 answer for %2 matches %3 (%4)</source>
        <translation>aucune réponse %1 pour %2 ne correspond à %3 (%4)</translation>
    </message>
    <message>
        <source>the lookup of %1 could not start within %2 s: %3 earlier lookups still wait for DNS servers that do not answer</source>
        <translation>la résolution de %1 n’a pas pu démarrer en %2 s&#xa0;: %3 résolutions précédentes attendent encore des serveurs DNS qui ne répondent pas</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>%1 n’a pas répondu en %2 s</translation>
    </message>
    <message>
        <source>the DNS probe has no name to look up</source>
        <translation>la sonde DNS n’a aucun nom à résoudre</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a DNS server address (an IP address, optionally with :port; IPv6 as [address]:port)</source>
        <translation>&apos;%1&apos; n’est pas une adresse de serveur DNS (une adresse IP, éventuellement avec :port&#xa0;; en IPv6, sous la forme [adresse]:port)</translation>
    </message>
    <message>
        <source>the answer pattern %1 is not a valid regular expression: %2</source>
        <translation>le motif de réponse %1 n’est pas une expression régulière valide&#xa0;: %2</translation>
    </message>
    <message>
        <source>the timeout of the probe of %1 must be positive</source>
        <translation>le délai d’expiration de la sonde de %1 doit être positif</translation>
    </message>
    <message>
        <source>the system resolver</source>
        <translation>le résolveur système</translation>
    </message>
    <message>
        <source>the lookup of %1 could not start within %2 s: %3 still has not answered an earlier lookup</source>
        <translation>la résolution de %1 n’a pas pu démarrer en %2 s&#xa0;: %3 n’a toujours pas répondu à une résolution précédente</translation>
    </message>
</context>
<context>
    <name>Vigie::Duration</name>
    <message numerus="yes">
        <source>for %n s</source>
        <translation>
            <numerusform>depuis %n&#xa0;s</numerusform>
            <numerusform>depuis %n&#xa0;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n min</source>
        <translation>
            <numerusform>depuis %n&#xa0;min</numerusform>
            <numerusform>depuis %n&#xa0;min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n h</source>
        <translation>
            <numerusform>depuis %n&#xa0;h</numerusform>
            <numerusform>depuis %n&#xa0;h</numerusform>
        </translation>
    </message>
    <message>
        <source>for %1 h %2 min</source>
        <translation>depuis %1&#xa0;h %2&#xa0;min</translation>
    </message>
    <message numerus="yes">
        <source>for %n d</source>
        <translation>
            <numerusform>depuis %n&#xa0;j</numerusform>
            <numerusform>depuis %n&#xa0;j</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::EventLogModel</name>
    <message>
        <source>Up</source>
        <translation>Opérationnel</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Dégradé</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>En panne</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>%1 → %2 (in maintenance)</source>
        <translation>%1 → %2 (en maintenance)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Maintenance began</source>
        <translation>Début de maintenance</translation>
    </message>
    <message>
        <source>Maintenance ended</source>
        <translation>Fin de maintenance</translation>
    </message>
    <message>
        <source>Impacted by %1</source>
        <translation>Impacté par %1</translation>
    </message>
    <message>
        <source>No longer impacted</source>
        <translation>Plus impacté</translation>
    </message>
    <message>
        <source>No longer impacted by %1</source>
        <translation>Plus impacté par %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 (%2 UTC)</source>
        <translation>%1 (%2 UTC)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Sonde</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acquitté</translation>
    </message>
</context>
<context>
    <name>Vigie::EventLogPanel</name>
    <message>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Time span</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Groupe&#xa0;:</translation>
    </message>
    <message>
        <source>Moved to:</source>
        <translation>Nouvel état&#xa0;:</translation>
    </message>
    <message>
        <source>Show only the events that moved to %1 (with the other states checked). None checked: every state.</source>
        <translation>N’affiche que les événements passés à l’état %1 (ainsi qu’aux autres états cochés). Aucun coché&#xa0;: tous les états.</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Période&#xa0;:</translation>
    </message>
    <message>
        <source>Health events</source>
        <translation>Événements de santé</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>Tous les services</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Tous les groupes</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Sans groupe</translation>
    </message>
    <message>
        <source>Loading events…</source>
        <translation>Chargement des événements…</translation>
    </message>
    <message numerus="yes">
        <source>The newest %n event(s)</source>
        <translation>
            <numerusform>Le %n événement le plus récent</numerusform>
            <numerusform>Les %n événements les plus récents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n événement</numerusform>
            <numerusform>%n événements</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Probe changes</source>
        <translation>&amp;Changements des sondes</translation>
    </message>
    <message>
        <source>Also list each probe&apos;s own changes of state, not only its service&apos;s.</source>
        <translation>Affiche aussi les changements d’état de chaque sonde, pas seulement ceux de son service.</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Save the events shown as a CSV file.</source>
        <translation>Enregistrer les événements affichés dans un fichier CSV.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>vigie-events.csv</source>
        <translation>vigie-evenements.csv</translation>
    </message>
    <message>
        <source>Export Events</source>
        <translation>Exporter les événements</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>Vigie::ExportFile</name>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Impossible d’enregistrer %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Vigie::ExpositionParser</name>
    <message>
        <source>nothing may follow # EOF</source>
        <translation>rien ne peut suivre # EOF</translation>
    </message>
    <message>
        <source>the last line must end with a line feed</source>
        <translation>la dernière ligne doit se terminer par un saut de ligne</translation>
    </message>
    <message>
        <source>an OpenMetrics exposition must end with # EOF</source>
        <translation>une exposition OpenMetrics doit se terminer par # EOF</translation>
    </message>
    <message>
        <source>blank lines are not allowed in OpenMetrics</source>
        <translation>les lignes vides sont interdites en OpenMetrics</translation>
    </message>
    <message>
        <source>expected a metric name after %1</source>
        <translation>nom de métrique attendu après %1</translation>
    </message>
    <message>
        <source>invalid metric name in a # %1 line</source>
        <translation>nom de métrique invalide dans une ligne # %1</translation>
    </message>
    <message>
        <source>%1 line for %2 after its samples (HELP and TYPE come first)</source>
        <translation>ligne %1 de %2 après ses échantillons (HELP et TYPE viennent en premier)</translation>
    </message>
    <message>
        <source>second TYPE line for %1</source>
        <translation>deuxième ligne TYPE pour %1</translation>
    </message>
    <message>
        <source>expected a type after the metric name</source>
        <translation>type attendu après le nom de la métrique</translation>
    </message>
    <message>
        <source>unknown metric type &quot;%1&quot; (expected counter, gauge, histogram, summary or untyped)</source>
        <translation>type de métrique inconnu &quot;%1&quot; (attendu&#xa0;: counter, gauge, histogram, summary ou untyped)</translation>
    </message>
    <message>
        <source>second HELP line for %1</source>
        <translation>deuxième ligne HELP pour %1</translation>
    </message>
    <message>
        <source>invalid escape sequence in HELP text (only \\ and \n are allowed)</source>
        <translation>séquence d’échappement invalide dans le texte HELP (seuls \\ et \n sont permis)</translation>
    </message>
    <message>
        <source>a line starting with # must be # HELP, # TYPE, # UNIT or # EOF</source>
        <translation>une ligne commençant par # doit être # HELP, # TYPE, # UNIT ou # EOF</translation>
    </message>
    <message>
        <source>expected a metric name</source>
        <translation>nom de métrique attendu</translation>
    </message>
    <message>
        <source>expected a space after the metric name</source>
        <translation>espace attendue après le nom de la métrique</translation>
    </message>
    <message>
        <source>invalid character in the metric name</source>
        <translation>caractère invalide dans le nom de la métrique</translation>
    </message>
    <message>
        <source>metadata for %1 after its samples</source>
        <translation>métadonnées de %1 après ses échantillons</translation>
    </message>
    <message>
        <source>unknown metric type &quot;%1&quot; (expected counter, gauge, histogram, gaugehistogram, stateset, info, summary or unknown)</source>
        <translation>type de métrique inconnu &quot;%1&quot; (attendu&#xa0;: counter, gauge, histogram, gaugehistogram, stateset, info, summary ou unknown)</translation>
    </message>
    <message>
        <source>a metric of type %1 cannot have a unit</source>
        <translation>une métrique de type %1 ne peut pas avoir d’unité</translation>
    </message>
    <message>
        <source>second UNIT line for %1</source>
        <translation>deuxième ligne UNIT pour %1</translation>
    </message>
    <message>
        <source>invalid character in the unit</source>
        <translation>caractère invalide dans l’unité</translation>
    </message>
    <message>
        <source>the name of a metric with a unit must end with _%1</source>
        <translation>le nom d’une métrique avec une unité doit se terminer par _%1</translation>
    </message>
    <message>
        <source>%1 was already exposed: each metric family must be one block, with a name no other family&apos;s samples use</source>
        <translation>%1 a déjà été exposée&#xa0;: chaque famille de métriques doit former un seul bloc, sous un nom qu’aucun échantillon d’une autre famille n’utilise</translation>
    </message>
    <message>
        <source>the lines of %1 must be one group: it appeared before another metric&apos;s lines</source>
        <translation>les lignes de %1 doivent former un seul groupe&#xa0;: elle est apparue avant les lignes d’une autre métrique</translation>
    </message>
    <message>
        <source>the samples of %1 would clash with a metric family exposed before (%1%2)</source>
        <translation>les échantillons de %1 entreraient en conflit avec une famille de métriques exposée auparavant (%1%2)</translation>
    </message>
    <message>
        <source>unterminated label value: expected a closing &quot;</source>
        <translation>valeur d’étiquette non terminée&#xa0;: &quot; fermant attendu</translation>
    </message>
    <message>
        <source>invalid escape sequence in a label value (only \\, \&quot; and \n are allowed)</source>
        <translation>séquence d’échappement invalide dans une valeur d’étiquette (seuls \\, \&quot; et \n sont permis)</translation>
    </message>
    <message>
        <source>unexpected end of line in the labels</source>
        <translation>fin de ligne inattendue dans les étiquettes</translation>
    </message>
    <message>
        <source>expected a label name</source>
        <translation>nom d’étiquette attendu</translation>
    </message>
    <message>
        <source>the label name __name__ is reserved</source>
        <translation>le nom d’étiquette __name__ est réservé</translation>
    </message>
    <message>
        <source>label names starting with __ are reserved (%1)</source>
        <translation>les noms d’étiquettes commençant par __ sont réservés (%1)</translation>
    </message>
    <message>
        <source>expected = after the label name %1</source>
        <translation>= attendu après le nom d’étiquette %1</translation>
    </message>
    <message>
        <source>expected a quoted label value</source>
        <translation>valeur d’étiquette entre guillemets attendue</translation>
    </message>
    <message>
        <source>duplicate label name %1</source>
        <translation>nom d’étiquette en double&#xa0;: %1</translation>
    </message>
    <message>
        <source>expected , or } after a label value</source>
        <translation>, ou } attendu après une valeur d’étiquette</translation>
    </message>
    <message>
        <source>the exemplar&apos;s labels are %1 characters long; at most 128 are allowed</source>
        <translation>les étiquettes de l’exemplaire font %1 caractères&#xa0;; 128 au plus sont permis</translation>
    </message>
    <message>
        <source>%1 is not a valid sample name for the %2 %3</source>
        <translation>%1 n’est pas un nom d’échantillon valide pour le %2 %3</translation>
    </message>
    <message>
        <source>expected a space and a value</source>
        <translation>espace et valeur attendues</translation>
    </message>
    <message>
        <source>expected a space before the value</source>
        <translation>espace attendue avant la valeur</translation>
    </message>
    <message>
        <source>expected a value</source>
        <translation>valeur attendue</translation>
    </message>
    <message>
        <source>invalid value &quot;%1&quot;</source>
        <translation>valeur invalide &quot;%1&quot;</translation>
    </message>
    <message>
        <source>invalid timestamp &quot;%1&quot; (expected seconds, such as 1520879607.789)</source>
        <translation>horodatage invalide &quot;%1&quot; (attendu&#xa0;: des secondes, comme 1520879607.789)</translation>
    </message>
    <message>
        <source>an exemplar is written &quot; # {labels} value&quot;, with one space on each side of the #</source>
        <translation>un exemplaire s’écrit &quot; # {étiquettes} valeur&quot;, avec une espace de chaque côté du #</translation>
    </message>
    <message>
        <source>expected a space and a value after the exemplar&apos;s labels</source>
        <translation>espace et valeur attendues après les étiquettes de l’exemplaire</translation>
    </message>
    <message>
        <source>invalid exemplar value &quot;%1&quot;</source>
        <translation>valeur d’exemplaire invalide &quot;%1&quot;</translation>
    </message>
    <message>
        <source>invalid exemplar timestamp &quot;%1&quot;</source>
        <translation>horodatage d’exemplaire invalide &quot;%1&quot;</translation>
    </message>
    <message>
        <source>exemplars are only allowed on a counter&apos;s _total and a histogram&apos;s _bucket samples</source>
        <translation>les exemplaires ne sont permis que sur les échantillons _total d’un counter et _bucket d’un histogram</translation>
    </message>
    <message>
        <source>unexpected space (OpenMetrics separates with exactly one space and allows none at the end of a line)</source>
        <translation>espace inattendue (OpenMetrics sépare par exactement une espace et n’en permet aucune en fin de ligne)</translation>
    </message>
    <message>
        <source>unexpected text after the sample</source>
        <translation>texte inattendu après l’échantillon</translation>
    </message>
    <message>
        <source>the text format 0.0.4 has no exemplars nor comments after a sample</source>
        <translation>le format texte 0.0.4 n’a ni exemplaires ni commentaires après un échantillon</translation>
    </message>
    <message>
        <source>invalid timestamp &quot;%1&quot; (expected milliseconds, an integer)</source>
        <translation>horodatage invalide &quot;%1&quot; (attendu&#xa0;: des millisecondes, un entier)</translation>
    </message>
    <message>
        <source>unexpected text after the timestamp</source>
        <translation>texte inattendu après l’horodatage</translation>
    </message>
    <message>
        <source>a histogram bucket needs an le label</source>
        <translation>un intervalle d’histogramme doit avoir une étiquette le</translation>
    </message>
    <message>
        <source>invalid le label value &quot;%1&quot;</source>
        <translation>valeur d’étiquette le invalide &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a summary&apos;s quantile sample needs a quantile label</source>
        <translation>l’échantillon de quantile d’un summary doit avoir une étiquette quantile</translation>
    </message>
    <message>
        <source>invalid quantile &quot;%1&quot;</source>
        <translation>quantile invalide &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a stateset&apos;s sample needs a label named %1</source>
        <translation>l’échantillon d’un stateset doit avoir une étiquette nommée %1</translation>
    </message>
    <message>
        <source>%1 must be neither negative nor NaN</source>
        <translation>%1 ne doit être ni négatif ni NaN</translation>
    </message>
    <message>
        <source>%1 must not be NaN</source>
        <translation>%1 ne doit pas être NaN</translation>
    </message>
    <message>
        <source>a stateset&apos;s value must be 0 or 1</source>
        <translation>la valeur d’un stateset doit être 0 ou 1</translation>
    </message>
    <message>
        <source>an info metric&apos;s value must be 1</source>
        <translation>la valeur d’une métrique info doit être 1</translation>
    </message>
    <message>
        <source>the samples of one metric must be together: these labels of %1 appeared before another metric&apos;s samples</source>
        <translation>les échantillons d’une métrique doivent être groupés&#xa0;: ces étiquettes de %1 sont apparues avant les échantillons d’une autre métrique</translation>
    </message>
    <message>
        <source>the samples of one metric must all have a timestamp or none</source>
        <translation>les échantillons d’une métrique doivent tous avoir un horodatage, ou aucun</translation>
    </message>
    <message>
        <source>timestamps went backwards within a metric</source>
        <translation>les horodatages reculent au sein d’une métrique</translation>
    </message>
    <message>
        <source>%1 repeats with the same labels and no timestamp</source>
        <translation>%1 se répète avec les mêmes étiquettes et sans horodatage</translation>
    </message>
    <message>
        <source>histogram buckets must be in increasing order of le</source>
        <translation>les intervalles d’un histogramme doivent suivre l’ordre croissant de le</translation>
    </message>
    <message>
        <source>histogram buckets are cumulative: this one is below the previous</source>
        <translation>les intervalles d’un histogramme sont cumulatifs&#xa0;: celui-ci est inférieur au précédent</translation>
    </message>
    <message>
        <source>the histogram %1 has no +Inf bucket</source>
        <translation>l’histogramme %1 n’a pas d’intervalle +Inf</translation>
    </message>
    <message>
        <source>the count of %1 differs from its +Inf bucket</source>
        <translation>le compte de %1 diffère de son intervalle +Inf</translation>
    </message>
    <message>
        <source>%1 has a %2 but no %3</source>
        <translation>%1 a un %2 mais pas de %3</translation>
    </message>
    <message>
        <source>a histogram with negative buckets cannot have a _sum</source>
        <translation>un histogramme avec des intervalles négatifs ne peut pas avoir de _sum</translation>
    </message>
    <message>
        <source>a negative _gsum needs negative buckets</source>
        <translation>un _gsum négatif exige des intervalles négatifs</translation>
    </message>
</context>
<context>
    <name>Vigie::Freshness</name>
    <message numerus="yes">
        <source>No result has arrived for more than %n second(s): what is shown may be out of date.</source>
        <translation>
            <numerusform>Aucun résultat depuis plus de %n&#xa0;seconde&#xa0;: ce qui est affiché n’est peut-être plus à jour.</numerusform>
            <numerusform>Aucun résultat depuis plus de %n&#xa0;secondes&#xa0;: ce qui est affiché n’est peut-être plus à jour.</numerusform>
        </translation>
    </message>
    <message>
        <source>Results cannot be stored: %1</source>
        <translation>Les résultats ne peuvent pas être enregistrés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Probing is stopped: what is shown is not updated.</source>
        <translation>Les sondes sont arrêtées&#xa0;: ce qui est affiché n’est plus mis à jour.</translation>
    </message>
</context>
<context>
    <name>Vigie::HealthState</name>
    <message>
        <source>up</source>
        <translation>opérationnel</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>dégradé</translation>
    </message>
    <message>
        <source>down</source>
        <translation>en panne</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>maintenance</translation>
    </message>
    <message>
        <source>impacted</source>
        <translation>impacté</translation>
    </message>
</context>
<context>
    <name>Vigie::HealthTracker</name>
    <message>
        <source>first result: %1</source>
        <translation>premier résultat&#xa0;: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>échec&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n consecutive failures: %1</source>
        <translation>
            <numerusform>%n échec consécutif&#xa0;: %1</numerusform>
            <numerusform>%n échecs consécutifs&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>succeeded again</source>
        <translation>de nouveau en succès</translation>
    </message>
    <message numerus="yes">
        <source>%n consecutive successes</source>
        <translation>
            <numerusform>%n succès consécutif</numerusform>
            <numerusform>%n succès consécutifs</numerusform>
        </translation>
    </message>
    <message>
        <source>maintenance &quot;%1&quot; ended</source>
        <translation>maintenance &quot;%1&quot; terminée</translation>
    </message>
    <message>
        <source>the upstream no longer reports maintenance</source>
        <translation>le fournisseur ne signale plus de maintenance</translation>
    </message>
    <message>
        <source>maintenance &quot;%1&quot; began</source>
        <translation>maintenance &quot;%1&quot; commencée</translation>
    </message>
    <message>
        <source>the upstream reports maintenance</source>
        <translation>le fournisseur signale une maintenance</translation>
    </message>
    <message>
        <source>the upstream reports maintenance: %1</source>
        <translation>le fournisseur signale une maintenance&#xa0;: %1</translation>
    </message>
    <message>
        <source>no longer impacted by %1</source>
        <translation>plus impacté par %1</translation>
    </message>
    <message>
        <source>impacted by %1 (%2)</source>
        <translation>impacté par %1 (%2)</translation>
    </message>
    <message>
        <source>the maintenance was over when monitoring resumed</source>
        <translation>la maintenance était terminée à la reprise de la surveillance</translation>
    </message>
</context>
<context>
    <name>Vigie::HistoryDraft</name>
    <message>
        <source>No service was down between %1 and %2.</source>
        <translation>Aucun service n’a été en panne entre %1 et %2.</translation>
    </message>
    <message>
        <source>None of the services asked for was down or degraded between %1 and %2.</source>
        <translation>Aucun des services demandés n’a été en panne ni dégradé entre %1 et %2.</translation>
    </message>
    <message>
        <source>The workspace has no service &quot;%1&quot;; its services are: %2.</source>
        <translation>L’espace de travail n’a pas de service «&#xa0;%1&#xa0;»&#xa0;; ses services sont&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The range is empty: it should end after it starts.</source>
        <translation>La période est vide&#xa0;: elle doit se terminer après son début.</translation>
    </message>
    <message>
        <source>The range is in the future: there is no history yet.</source>
        <translation>La période est dans le futur&#xa0;: il n’y a pas encore d’historique.</translation>
    </message>
</context>
<context>
    <name>Vigie::HttpProber</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 ou %2</translation>
    </message>
    <message>
        <source>resolving the host name</source>
        <translation>résolution du nom d’hôte</translation>
    </message>
    <message>
        <source>opening the TCP connection</source>
        <translation>ouverture de la connexion TCP</translation>
    </message>
    <message>
        <source>TLS handshake</source>
        <translation>négociation TLS</translation>
    </message>
    <message>
        <source>waiting for the first byte</source>
        <translation>attente du premier octet</translation>
    </message>
    <message>
        <source>reading the response</source>
        <translation>lecture de la réponse</translation>
    </message>
    <message>
        <source>timed out after %1 s in %2 (%3)</source>
        <translation>délai dépassé après %1 s en phase %2 (%3)</translation>
    </message>
    <message>
        <source>HTTP status %1, expected %2</source>
        <translation>code HTTP %1, attendu&#xa0;: %2</translation>
    </message>
    <message>
        <source>the body does not contain &quot;%1&quot;</source>
        <translation>le corps de la réponse ne contient pas &quot;%1&quot;</translation>
    </message>
    <message>
        <source>slow: %1 ms, above the %2 ms limit</source>
        <translation>lent&#xa0;: %1 ms, au-delà de la limite de %2 ms</translation>
    </message>
    <message>
        <source>response body larger than %1</source>
        <translation>corps de la réponse supérieur à %1</translation>
    </message>
    <message>
        <source>could not resolve host &apos;%1&apos;</source>
        <translation>impossible de résoudre l’hôte &apos;%1&apos;</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>connexion refusée par %1</translation>
    </message>
    <message>
        <source>could not connect to %1: %2</source>
        <translation>impossible de se connecter à %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>échec de la négociation TLS avec %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>too many redirects: more than %1</source>
        <translation>trop de redirections&#xa0;: plus de %1</translation>
    </message>
    <message>
        <source>cannot fetch &apos;%1&apos;: %2</source>
        <translation>impossible de récupérer &apos;%1&apos;&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 closed the connection without sending a response</source>
        <translation>%1 a fermé la connexion sans envoyer de réponse</translation>
    </message>
    <message>
        <source>%1 did not answer with HTTP: %2</source>
        <translation>%1 n’a pas répondu en HTTP&#xa0;: %2</translation>
    </message>
    <message>
        <source>could not decode the response body from %1: %2</source>
        <translation>impossible de décoder le corps de la réponse de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>request to %1 failed in %2: %3</source>
        <translation>la requête vers %1 a échoué en phase %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// URL</source>
        <translation>&apos;%1&apos; n’est pas une URL http:// ou https://</translation>
    </message>
    <message>
        <source>the timeout of the probe of %1 must be positive</source>
        <translation>le délai d’expiration de la sonde de %1 doit être positif</translation>
    </message>
    <message>
        <source>libcurl could not be initialised</source>
        <translation>impossible d’initialiser libcurl</translation>
    </message>
    <message>
        <source>libcurl refused the probe of %1</source>
        <translation>libcurl a refusé la sonde de %1</translation>
    </message>
    <message>
        <source>HTTP/%1 %2</source>
        <translation>HTTP/%1 %2</translation>
    </message>
    <message>
        <source>response body larger than %1 after decompression (Content-Encoding: %2)</source>
        <translation>corps de la réponse supérieur à %1 après décompression (Content-Encoding&#xa0;: %2)</translation>
    </message>
    <message>
        <source>the certificate of %1 is not accepted: %2 (to trust a private CA, name its certificate in ca_file)</source>
        <translation>le certificat de %1 n’est pas accepté&#xa0;: %2 (pour faire confiance à une autorité de certification privée, indiquez son certificat dans ca_file)</translation>
    </message>
    <message>
        <source>cannot use the CA file &apos;%1&apos; (ca_file): %2</source>
        <translation>impossible d’utiliser le fichier de CA &apos;%1&apos; (ca_file)&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 closed the connection after %2 of the %3 it announced</source>
        <translation>%1 a fermé la connexion après %2 sur les %3 annoncés</translation>
    </message>
    <message>
        <source>%1 closed the connection in the middle of the response: %2</source>
        <translation>%1 a fermé la connexion au milieu de la réponse&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 sent response headers larger than libcurl accepts: %2</source>
        <translation>%1 a envoyé des en-têtes de réponse plus grands que ce que libcurl accepte&#xa0;: %2</translation>
    </message>
    <message>
        <source>the connection to %1 broke after %2 of the response body: %3</source>
        <translation>la connexion à %1 a été coupée après %2 du corps de la réponse&#xa0;: %3</translation>
    </message>
    <message>
        <source>the connection to %1 broke in %2: %3</source>
        <translation>la connexion à %1 a été coupée en phase %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>the probe of %1 asks for HTTP/3, but this libcurl has no HTTP/3 support</source>
        <translation>la sonde de %1 demande HTTP/3, mais cette version de libcurl ne prend pas en charge HTTP/3</translation>
    </message>
    <message>
        <source>the probe of %1 asks for HTTP/3, which needs an https:// URL</source>
        <translation>la sonde de %1 demande HTTP/3, qui nécessite une URL https://</translation>
    </message>
    <message>
        <source>the secret &quot;%1&quot; is not in the keychain; add it with: vigie secret set %1</source>
        <translation>le secret &quot;%1&quot; n’est pas dans le trousseau&#xa0;; ajoutez-le avec&#xa0;: vigie secret set %1</translation>
    </message>
    <message>
        <source>refused to follow the redirect to %1: only http:// and https:// are followed</source>
        <translation>redirection vers %1 refusée&#xa0;: seules les redirections vers http:// et https:// sont suivies</translation>
    </message>
</context>
<context>
    <name>Vigie::Latency</name>
    <message>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1&#xa0;ms</translation>
    </message>
</context>
<context>
    <name>Vigie::MainWindow</name>
    <message>
        <source>Error list</source>
        <translation>Liste des erreurs</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
    <message>
        <source>Service board</source>
        <translation>Tableau des services</translation>
    </message>
    <message>
        <source>No workspace is open.
Use File › Open Workspace… (Ctrl+O) to choose one.</source>
        <translation>Aucun espace de travail n’est ouvert.
Utilisez Fichier › Ouvrir un espace de travail… (Ctrl+O) pour en choisir un.</translation>
    </message>
    <message>
        <source>Workspace errors</source>
        <translation>Erreurs de l’espace de travail</translation>
    </message>
    <message>
        <source>Results database error</source>
        <translation>Erreur de la base de résultats</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>&amp;Ouvrir un espace de travail…</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <source>Vigie workspaces (*.yaml *.yml);;All files (*)</source>
        <translation>Espaces de travail Vigie (*.yaml *.yml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Service &amp;Detail</source>
        <translation>&amp;Détail du service</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Vigie</source>
        <translation>À &amp;propos de Vigie</translation>
    </message>
    <message>
        <source>About Vigie</source>
        <translation>À propos de Vigie</translation>
    </message>
    <message>
        <source>Vigie could not open its results database in %1: results are shown but not kept, and the charts stay empty.</source>
        <translation>Vigie n’a pas pu ouvrir sa base de résultats dans %1&#xa0;: les résultats sont affichés mais pas conservés, et les graphiques restent vides.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>%1 — Vigie</source>
        <translation>%1 — Vigie</translation>
    </message>
    <message>
        <source>Vigie could not open %1: fix the problems below, then reload (F5).</source>
        <translation>Vigie n’a pas pu ouvrir %1&#xa0;: corrigez les problèmes ci-dessous, puis rechargez (F5).</translation>
    </message>
    <message>
        <source>Vigie could not open %1: fix the problems below, then reload (F5). The board still shows the workspace that was open before.</source>
        <translation>Vigie n’a pas pu ouvrir %1&#xa0;: corrigez les problèmes ci-dessous, puis rechargez (F5). Le tableau affiche toujours l’espace de travail ouvert précédemment.</translation>
    </message>
    <message numerus="yes">
        <source>%n probe(s) running</source>
        <translation>
            <numerusform>%n sonde active</numerusform>
            <numerusform>%n sondes actives</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) failing</source>
        <translation>
            <numerusform>%n service en panne</numerusform>
            <numerusform>%n services en panne</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) degraded</source>
        <translation>
            <numerusform>%n service dégradé</numerusform>
            <numerusform>%n services dégradés</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for the first results</source>
        <translation>En attente des premiers résultats</translation>
    </message>
    <message>
        <source>All services up</source>
        <translation>Tous les services sont opérationnels</translation>
    </message>
    <message>
        <source>Vigie could not save the screenshot to %1: check that the folder exists and is writable.</source>
        <translation>Vigie n’a pas pu enregistrer la capture d’écran dans %1&#xa0;: vérifiez que le dossier existe et est accessible en écriture.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Missing secrets</source>
        <translation>Secrets manquants</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Événements</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Vigie %1&lt;/h3&gt;&lt;p&gt;An operations console for on-call engineers: it probes your services (HTTP, TCP, TLS certificates, DNS, providers&apos; status pages) and shows their health as it changes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Vigie %1&lt;/h3&gt;&lt;p&gt;Une console d’exploitation pour les ingénieurs d’astreinte&#xa0;: elle sonde vos services (HTTP, TCP, certificats TLS, DNS, pages d’état des fournisseurs) et affiche l’évolution de leur état de santé.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The secret &quot;%1&quot; is not in the keychain; add it with: vigie secret set %1</source>
        <translation>Le secret &quot;%1&quot; n’est pas dans le trousseau&#xa0;; ajoutez-le avec&#xa0;: vigie secret set %1</translation>
    </message>
    <message numerus="yes">
        <source>%n impacted by a dependency</source>
        <translation>
            <numerusform>%n impacté par une dépendance</numerusform>
            <numerusform>%n impactés par une dépendance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in maintenance</source>
        <translation>
            <numerusform>%n en maintenance</numerusform>
            <numerusform>%n en maintenance</numerusform>
        </translation>
    </message>
    <message>
        <source>No alarm</source>
        <translation>Aucune alerte</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Rapports</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Vigie could not open its notices database in %1: drafting and publishing are off. %2</source>
        <translation>Vigie n’a pas pu ouvrir sa base des avis dans %1&#xa0;: la rédaction et la publication sont désactivées. %2</translation>
    </message>
    <message>
        <source>&amp;Notices</source>
        <translation>&amp;Avis</translation>
    </message>
    <message>
        <source>Drafting a notice needs the results and notices databases, which are not open.</source>
        <translation>Rédiger un avis nécessite la base de résultats et la base des avis, qui ne sont pas ouvertes.</translation>
    </message>
    <message>
        <source>Some secrets cannot be read: the probes, scrapes and status sites that use them will fail until they are in the keychain.</source>
        <translation>Certains secrets sont illisibles&#xa0;: les sondes, collectes et sites de statut qui s’en servent échoueront tant qu’ils ne seront pas dans le trousseau.</translation>
    </message>
    <message>
        <source>No alarm: every service is up, in maintenance, or waiting for its first result.</source>
        <translation>Aucune alarme&#xa0;: chaque service est opérationnel, en maintenance ou en attente de son premier résultat.</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Tableau</translation>
    </message>
    <message>
        <source>&amp;Problems First</source>
        <translation>&amp;Problèmes d’abord</translation>
    </message>
    <message>
        <source>&amp;Wall Display</source>
        <translation>Affichage &amp;mural</translation>
    </message>
    <message>
        <source>No alarm. Select a service on the board to see its probes and response times.</source>
        <translation>Aucune alarme. Choisissez un service sur le tableau pour voir ses sondes et ses temps de réponse.</translation>
    </message>
    <message>
        <source>Current alarms (%1)</source>
        <translation>Alarmes en cours (%1)</translation>
    </message>
    <message>
        <source>Latest events</source>
        <translation>Derniers événements</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alertes</translation>
    </message>
    <message>
        <source>&amp;Acknowledge…</source>
        <translation>&amp;Acquitter…</translation>
    </message>
    <message>
        <source>&amp;Clear Acknowledgement</source>
        <translation>&amp;Retirer l’acquittement</translation>
    </message>
    <message>
        <source>Mute This &amp;Service for 1 Hour</source>
        <translation>Mettre ce &amp;service en sourdine pendant 1&#xa0;heure</translation>
    </message>
    <message>
        <source>Mute This &amp;Group for 1 Hour</source>
        <translation>Mettre ce &amp;groupe en sourdine pendant 1&#xa0;heure</translation>
    </message>
    <message>
        <source>Mute &amp;Everything for 1 Hour</source>
        <translation>&amp;Tout mettre en sourdine pendant 1&#xa0;heure</translation>
    </message>
    <message>
        <source>Mute Everything &amp;Until Tomorrow 08:00</source>
        <translation>Tout mettre en sourdine &amp;jusqu’à demain 08:00</translation>
    </message>
    <message>
        <source>Un&amp;mute All</source>
        <translation>&amp;Rétablir toutes les alertes</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Vigie is still watching</source>
        <translation>Vigie continue de surveiller</translation>
    </message>
    <message>
        <source>Vigie keeps watching your services and tells you of alerts. Click its icon to open the window again; choose Quit in its menu to stop.</source>
        <translation>Vigie continue de surveiller vos services et vous signale les alertes. Cliquez sur son icône pour rouvrir la fenêtre&#xa0;; choisissez Quitter dans son menu pour l’arrêter.</translation>
    </message>
    <message>
        <source>Alerts: %1</source>
        <translation>Alertes&#xa0;: %1</translation>
    </message>
    <message>
        <source>Alert channel %1 failed, retrying: %2</source>
        <translation>Le canal d’alerte %1 a échoué, nouvel essai&#xa0;: %2</translation>
    </message>
    <message>
        <source>Alert channel %1 gave up: %2</source>
        <translation>Le canal d’alerte %1 a abandonné&#xa0;: %2</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>Acknowledge %1: its alerts are held back until it recovers.
Comment (optional):</source>
        <translation>Acquitter %1&#xa0;: ses alertes sont retenues jusqu’à son rétablissement.
Commentaire (facultatif)&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>%n down</source>
        <translation>
            <numerusform>%n en panne</numerusform>
            <numerusform>%n en panne</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n degraded</source>
        <translation>
            <numerusform>%n dégradé</numerusform>
            <numerusform>%n dégradés</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation>(%1) %2</translation>
    </message>
</context>
<context>
    <name>Vigie::MetricCharts</name>
    <message>
        <source>Bandwidth</source>
        <translation>Bande passante</translation>
    </message>
    <message>
        <source>Mbit/s</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <source>%1 in</source>
        <comment>bandwidth of an interface</comment>
        <translation>%1 entrant</translation>
    </message>
    <message>
        <source>%1 out</source>
        <comment>bandwidth of an interface</comment>
        <translation>%1 sortant</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a line&apos;s label and its scrape target</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>Temps de réponse</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Taux d’erreur</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <comment>probe number and kind</comment>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>probe and phase</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>Vigie::MetricsCollector</name>
    <message>
        <source>scraping %1: the metrics are invalid at line %2, column %3: %4</source>
        <translation>collecte de %1&#xa0;: les métriques sont invalides ligne %2, colonne %3&#xa0;: %4</translation>
    </message>
    <message>
        <source>scraping %1: the fetch failed: %2</source>
        <translation>collecte de %1&#xa0;: la récupération a échoué&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Vigie::Mute</name>
    <message>
        <source>%1 is not a time of day.</source>
        <translation>%1 n’est pas une heure de la journée.</translation>
    </message>
    <message>
        <source>%1 is already past.</source>
        <translation>%1 est déjà passé.</translation>
    </message>
    <message>
        <source>Cannot read &quot;%1&quot; as the end of a mute: write a duration (1h, 30m), a time of day (08:00, tomorrow 08:00), a date and time (2026-12-03 08:00) or &quot;unmuted&quot;.</source>
        <translation>Impossible de lire «&#xa0;%1&#xa0;» comme fin de mise en sourdine&#xa0;: écrivez une durée (1h, 30m), une heure (08:00, tomorrow 08:00), une date et une heure (2026-12-03 08:00) ou «&#xa0;unmuted&#xa0;».</translation>
    </message>
</context>
<context>
    <name>Vigie::Notice</name>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation>En cours d’analyse</translation>
    </message>
    <message>
        <source>Identified</source>
        <translation>Cause identifiée</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Sous surveillance</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifiée</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>No impact</source>
        <translation>Aucun impact</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Mineur</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>Majeur</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <source>Operational</source>
        <translation>Opérationnel</translation>
    </message>
    <message>
        <source>Degraded performance</source>
        <translation>Performances dégradées</translation>
    </message>
    <message>
        <source>Partial outage</source>
        <translation>Panne partielle</translation>
    </message>
    <message>
        <source>Major outage</source>
        <translation>Panne majeure</translation>
    </message>
    <message>
        <source>Under maintenance</source>
        <translation>En maintenance</translation>
    </message>
</context>
<context>
    <name>Vigie::NoticeCommand</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Notice %1: %2</source>
        <translation>Avis %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1, %2, impact: %3</source>
        <translation>%1, %2, impact&#xa0;: %3</translation>
    </message>
    <message>
        <source>Components: %1</source>
        <translation>Composants&#xa0;: %1</translation>
    </message>
    <message>
        <source>Window: %1 to %2</source>
        <translation>Fenêtre&#xa0;: de %1 à %2</translation>
    </message>
    <message>
        <source>There is no notice %1.</source>
        <translation>Il n’y a pas d’avis %1.</translation>
    </message>
    <message>
        <source>The outbox is empty.</source>
        <translation>La boîte d’envoi est vide.</translation>
    </message>
    <message>
        <source>No notices yet.</source>
        <translation>Aucun avis pour l’instant.</translation>
    </message>
    <message>
        <source>vigie notice publish needs a workspace: vigie notice publish ID --workspace FILE</source>
        <translation>vigie notice publish a besoin d’un espace de travail&#xa0;: vigie notice publish ID --workspace FICHIER</translation>
    </message>
    <message>
        <source>%1: notice %2 is %3; its kind cannot change</source>
        <translation>%1&#xa0;: l’avis %2 est de type %3&#xa0;; son type ne peut pas changer</translation>
    </message>
    <message>
        <source>%1: notice %2 is an incident, which has no window; only a maintenance is planned.</source>
        <translation>%1&#xa0;: l’avis %2 est un incident, qui n’a pas de fenêtre&#xa0;; seule une maintenance est planifiée.</translation>
    </message>
    <message>
        <source>--status needs a status of %1: %2; not &quot;%3&quot;.</source>
        <translation>--status attend un état de %1&#xa0;: %2&#xa0;; pas &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>--status %1 and the file&apos;s status: %2 disagree; give one.</source>
        <translation>--status %1 et le status: %2 du fichier se contredisent&#xa0;; n’en indiquez qu’un.</translation>
    </message>
    <message>
        <source>vigie notice update needs the new status: --status %1</source>
        <translation>vigie notice update a besoin du nouvel état&#xa0;: --status %1</translation>
    </message>
    <message>
        <source>%1 is not a status of %2; expected one of: %3.</source>
        <translation>%1 n’est pas un état de %2&#xa0;; valeurs possibles&#xa0;: %3.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>TYPE</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <source>IMPACT</source>
        <translation>IMPACT</translation>
    </message>
    <message>
        <source>MODIFIED</source>
        <translation>MODIFIÉ</translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation>TITRE</translation>
    </message>
    <message>
        <source>NOTICE</source>
        <translation>AVIS</translation>
    </message>
    <message>
        <source>SITE</source>
        <translation>SITE</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <source>ATTEMPTS</source>
        <translation>TENTATIVES</translation>
    </message>
    <message>
        <source>LAST ERROR</source>
        <translation>DERNIÈRE ERREUR</translation>
    </message>
    <message>
        <source>%1 declares no status site to publish to: add them under status_sites: (see README.md, &quot;Notices&quot;).</source>
        <translation>%1 ne déclare aucun site de statut où publier&#xa0;: ajoutez-les sous status_sites: (voir README.md, &quot;Notices&quot;).</translation>
    </message>
    <message>
        <source>Outbox entry %1: notice %2 to %3, %4.</source>
        <translation>Entrée %1 de la boîte d’envoi&#xa0;: avis %2 vers %3, %4.</translation>
    </message>
    <message>
        <source>Subscribers will be notified.</source>
        <translation>Les abonnés seront prévenus.</translation>
    </message>
    <message>
        <source>Subscribers will not be notified (--deliver-notifications to notify them).</source>
        <translation>Les abonnés ne seront pas prévenus (--deliver-notifications pour les prévenir).</translation>
    </message>
    <message>
        <source>vigie notice draft needs a workspace: vigie notice draft --workspace FILE</source>
        <translation>vigie notice draft a besoin d’un espace de travail&#xa0;: vigie notice draft --workspace FICHIER</translation>
    </message>
    <message>
        <source>Notice %1 is not queued: %2</source>
        <translation>L’avis %1 n’a pas été mis en file d’attente&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 has no service &quot;%2&quot;; its services are: %3.</source>
        <translation>%1 n’a pas de service &quot;%2&quot;&#xa0;; ses services sont&#xa0;: %3.</translation>
    </message>
    <message>
        <source>No history in %1 (the console and vigie watch keep it there).</source>
        <translation>Pas d’historique dans %1 (la console et vigie watch le conservent là).</translation>
    </message>
</context>
<context>
    <name>Vigie::NoticeFile</name>
    <message>
        <source>a mapping</source>
        <translation>un dictionnaire</translation>
    </message>
    <message>
        <source>a sequence</source>
        <translation>une liste</translation>
    </message>
    <message>
        <source>the value &apos;%1&apos;</source>
        <translation>la valeur &apos;%1&apos;</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>the front matter should be a mapping (key: value lines), found %1</source>
        <translation>l’en-tête devrait être un dictionnaire (lignes clé: valeur), trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>a key should be a single word such as &apos;title&apos;, found %1</source>
        <translation>une clé devrait être un mot unique comme &apos;title&apos;, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>duplicate key &apos;%1&apos; (first defined at %2)</source>
        <translation>clé &apos;%1&apos; en double (déjà définie à %2)</translation>
    </message>
    <message>
        <source>&apos;title&apos; should not be empty</source>
        <translation>&apos;title&apos; ne doit pas être vide</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos;; did you mean &apos;%2&apos;?</source>
        <translation>clé inconnue &apos;%1&apos;&#xa0;; vouliez-vous dire &apos;%2&apos;&#xa0;?</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos;; the front matter accepts: %2</source>
        <translation>clé inconnue &apos;%1&apos;&#xa0;; clés acceptées par l’en-tête&#xa0;: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a status of %2; expected one of: %3</source>
        <translation>&apos;%1&apos; n’est pas un état de %2&#xa0;; valeurs possibles&#xa0;: %3</translation>
    </message>
    <message>
        <source>an incident has no &apos;window&apos;; only a maintenance is planned</source>
        <translation>un incident n’a pas de &apos;window&apos;&#xa0;; seule une maintenance est planifiée</translation>
    </message>
    <message>
        <source>&apos;%1&apos; should be a single value, found %2</source>
        <translation>&apos;%1&apos; devrait être une valeur unique, trouvé&#xa0;: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid %2; did you mean &apos;%3&apos;? expected one of: %4</source>
        <translation>&apos;%1&apos; n’est pas une valeur valide pour %2&#xa0;; vouliez-vous dire &apos;%3&apos;&#xa0;? valeurs possibles&#xa0;: %4</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid %2; expected one of: %3</source>
        <translation>&apos;%1&apos; n’est pas une valeur valide pour %2&#xa0;; valeurs possibles&#xa0;: %3</translation>
    </message>
    <message>
        <source>a component should be a service id, found %1</source>
        <translation>un composant devrait être un id de service, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>the service &apos;%1&apos; is listed twice</source>
        <translation>le service &apos;%1&apos; figure deux fois</translation>
    </message>
    <message>
        <source>the workspace has no service &apos;%1&apos;; did you mean &apos;%2&apos;?</source>
        <translation>l’espace de travail n’a pas de service &apos;%1&apos;&#xa0;; vouliez-vous dire &apos;%2&apos;&#xa0;?</translation>
    </message>
    <message>
        <source>the workspace has no service &apos;%1&apos;; its services are: %2</source>
        <translation>l’espace de travail n’a pas de service &apos;%1&apos;&#xa0;; ses services sont&#xa0;: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a service id (lower-case letters, digits, &apos;-&apos; and &apos;_&apos;)</source>
        <translation>&apos;%1&apos; n’est pas un id de service (lettres minuscules, chiffres, &apos;-&apos; et &apos;_&apos;)</translation>
    </message>
    <message>
        <source>a component&apos;s status should be one of: %1; found %2</source>
        <translation>l’état d’un composant devrait être l’une de ces valeurs&#xa0;: %1&#xa0;; trouvé&#xa0;: %2</translation>
    </message>
    <message>
        <source>&apos;components&apos; should be a mapping (service-id: status) or a list of service ids, found %1</source>
        <translation>&apos;components&apos; devrait être un dictionnaire (id-de-service: état) ou une liste d’id de services, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a date and time; write ISO 8601, such as 2026-10-09T16:00 (local time) or 2026-10-09T16:00+02:00</source>
        <translation>&apos;%1&apos; n’est pas une date et une heure&#xa0;; écrivez-les en ISO 8601, par exemple 2026-10-09T16:00 (heure locale) ou 2026-10-09T16:00+02:00</translation>
    </message>
    <message>
        <source>&apos;window&apos; should be a mapping with &apos;start&apos; and &apos;end&apos;, found %1</source>
        <translation>&apos;window&apos; devrait être un dictionnaire avec &apos;start&apos; et &apos;end&apos;, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos;; &apos;window&apos; accepts: start, end</source>
        <translation>clé inconnue &apos;%1&apos;&#xa0;; clés acceptées par &apos;window&apos;&#xa0;: start, end</translation>
    </message>
    <message>
        <source>&apos;window&apos; needs both &apos;start&apos; and &apos;end&apos;</source>
        <translation>&apos;window&apos; a besoin à la fois de &apos;start&apos; et de &apos;end&apos;</translation>
    </message>
    <message>
        <source>the window should end after it starts</source>
        <translation>la fenêtre devrait se terminer après son début</translation>
    </message>
    <message>
        <source>the front matter that starts here is not closed: end it with a line &apos;---&apos; before the body</source>
        <translation>l’en-tête qui commence ici n’est pas fermé&#xa0;: terminez-le par une ligne &apos;---&apos; avant le corps</translation>
    </message>
    <message>
        <source>a new notice starts with a front matter between two &apos;---&apos; lines that gives at least its title, for example: title: Extranet unreachable</source>
        <translation>un nouvel avis commence par un en-tête entre deux lignes &apos;---&apos; qui indique au moins son titre, par exemple&#xa0;: title: Extranet injoignable</translation>
    </message>
    <message>
        <source>the notice has no &apos;title&apos;; add one, for example: title: Extranet unreachable</source>
        <translation>l’avis n’a pas de clé &apos;title&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: title: Extranet injoignable</translation>
    </message>
    <message>
        <source>a maintenance needs its &apos;window&apos;, for example: window: {start: 2026-10-09T16:00, end: 2026-10-09T18:00}</source>
        <translation>une maintenance a besoin de sa clé &apos;window&apos;, par exemple&#xa0;: window: {start: 2026-10-09T16:00, end: 2026-10-09T18:00}</translation>
    </message>
    <message>
        <source>cannot read the notice file: %1</source>
        <translation>impossible de lire le fichier de l’avis&#xa0;: %1</translation>
    </message>
    <message>
        <source>the file is larger than %1 MiB</source>
        <translation>le fichier dépasse %1&#xa0;Mio</translation>
    </message>
</context>
<context>
    <name>Vigie::NoticeListModel</name>
    <message>
        <source>(untitled)</source>
        <translation>(sans titre)</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
</context>
<context>
    <name>Vigie::NoticeStore</name>
    <message>
        <source>Queued</source>
        <translation>En file d’attente</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Intervention requise</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>The notices database %1 is damaged or is not a SQLite database (%2): move it aside to start a new one.</source>
        <translation>La base des avis %1 est endommagée ou n’est pas une base SQLite (%2)&#xa0;: déplacez-la ailleurs pour en commencer une nouvelle.</translation>
    </message>
    <message>
        <source>Cannot use the notices database %1: %2.</source>
        <translation>Impossible d’utiliser la base des avis %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The notice store is not open.</source>
        <translation>Le stockage des avis n’est pas ouvert.</translation>
    </message>
    <message>
        <source>There is no notice %1.</source>
        <translation>Il n’y a pas d’avis %1.</translation>
    </message>
    <message>
        <source>There is no outbox entry %1.</source>
        <translation>Il n’y a pas d’entrée %1 dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a status of %2; expected one of: %3.</source>
        <translation>&quot;%1&quot; n’est pas un état de %2&#xa0;; valeurs possibles&#xa0;: %3.</translation>
    </message>
    <message>
        <source>Outbox entry %1 is not being sent by %2 (it is %3).</source>
        <translation>L’entrée %1 de la boîte d’envoi n’est pas en cours d’envoi par %2 (elle est à l’état %3).</translation>
    </message>
    <message>
        <source>The notice store is already open on %1.</source>
        <translation>Le stockage des avis est déjà ouvert sur %1.</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1 for the notices database.</source>
        <translation>Impossible de créer le dossier de données %1 pour la base des avis.</translation>
    </message>
    <message>
        <source>A notice needs a title.</source>
        <translation>Un avis doit avoir un titre.</translation>
    </message>
    <message>
        <source>Notice %1 has no revision %2.</source>
        <translation>L’avis %1 n’a pas de révision %2.</translation>
    </message>
    <message>
        <source>Notice %1 has no update to publish yet.</source>
        <translation>L’avis %1 n’a encore aucune mise à jour à publier.</translation>
    </message>
    <message>
        <source>Outbox entry %1 is %2: only a queued, failed or attention-needing entry can be retried.</source>
        <translation>L’entrée %1 de la boîte d’envoi est à l’état %2&#xa0;: seule une entrée en file d’attente, en échec ou nécessitant une intervention peut être relancée.</translation>
    </message>
    <message>
        <source>Outbox entry %1 is already published.</source>
        <translation>L’entrée %1 de la boîte d’envoi est déjà publiée.</translation>
    </message>
    <message>
        <source>Outbox entry %1 is being sent: wait for the send to end before cancelling it.</source>
        <translation>L’entrée %1 de la boîte d’envoi est en cours d’envoi&#xa0;: attendez la fin de l’envoi avant de l’annuler.</translation>
    </message>
</context>
<context>
    <name>Vigie::NoticeTemplates</name>
    <message>
        <source>en</source>
        <comment>the language code of this translation</comment>
        <translation>fr</translation>
    </message>
</context>
<context>
    <name>Vigie::NoticesView</name>
    <message>
        <source>The workspace has no services</source>
        <translation>L’espace de travail n’a aucun service</translation>
    </message>
    <message>
        <source>not affected</source>
        <translation>non touché</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Not affected</source>
        <translation>Non touché</translation>
    </message>
    <message>
        <source>&amp;Components: none</source>
        <translation>&amp;Composants&#xa0;: aucun</translation>
    </message>
    <message>
        <source>&amp;Components: %1</source>
        <translation>&amp;Composants&#xa0;: %1</translation>
    </message>
    <message>
        <source>The services this notice affects, and how.</source>
        <translation>Les services que touche cet avis, et de quelle manière.</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>New &amp;incident</source>
        <translation>Nouvel &amp;incident</translation>
    </message>
    <message>
        <source>New &amp;maintenance</source>
        <translation>Nouvelle &amp;maintenance</translation>
    </message>
    <message>
        <source>The language of the template a new notice starts from: your readers&apos;, which may differ from the console&apos;s.</source>
        <translation>La langue du modèle dont part un nouvel avis&#xa0;: celle de vos lecteurs, qui peut différer de celle de la console.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Template &amp;language:</source>
        <translation>&amp;Langue du modèle&#xa0;:</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Maintenance starts</source>
        <translation>Début de la maintenance</translation>
    </message>
    <message>
        <source>Maintenance ends</source>
        <translation>Fin de la maintenance</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>Ét&amp;at&#xa0;:</translation>
    </message>
    <message>
        <source>Im&amp;pact:</source>
        <translation>Im&amp;pact&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>A&amp;u&#xa0;:</translation>
    </message>
    <message>
        <source>Update, in Markdown</source>
        <translation>Mise à jour, en Markdown</translation>
    </message>
    <message>
        <source>What happened, what is being done, what readers should do (Markdown).</source>
        <translation>Ce qui s’est passé, ce qui est en cours, ce que les lecteurs doivent faire (Markdown).</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>What the public sees</source>
        <translation>Ce que voit le public</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Révisions</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistrée</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>Re&amp;staurer</translation>
    </message>
    <message>
        <source>Make the selected revision the draft again (saved as a new revision: nothing is lost).</source>
        <translation>Reprendre la révision sélectionnée comme brouillon (elle est enregistrée comme nouvelle révision&#xa0;: rien n’est perdu).</translation>
    </message>
    <message>
        <source>&amp;All notices</source>
        <translation>Tou&amp;s les avis</translation>
    </message>
    <message>
        <source>Show the outbox entries of every notice, not only this one&apos;s.</source>
        <translation>Afficher les entrées de la boîte d’envoi de tous les avis, pas seulement celles de cet avis.</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Réessa&amp;yer</translation>
    </message>
    <message>
        <source>Send the selected entry again now.</source>
        <translation>Renvoyer l’entrée sélectionnée maintenant.</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <source>Do not send the selected entry.</source>
        <translation>Ne pas envoyer l’entrée sélectionnée.</translation>
    </message>
    <message>
        <source>Re&amp;visions</source>
        <translation>Ré&amp;visions</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Boîte d’envoi</translation>
    </message>
    <message>
        <source>Add the draft to the notice&apos;s timeline, without sending it anywhere yet.</source>
        <translation>Ajouter le brouillon à la chronologie de l’avis, sans l’envoyer nulle part pour l’instant.</translation>
    </message>
    <message>
        <source>P&amp;ublish…</source>
        <translation>Publie&amp;r…</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Enregistré à %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No notice chosen: pick one in the list, or start a new one.</source>
        <translation>Aucun avis choisi&#xa0;: sélectionnez-en un dans la liste, ou créez-en un nouveau.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>The last edits of notice %1 were not saved: %2</source>
        <translation>Les dernières modifications de l’avis %1 n’ont pas été enregistrées&#xa0;: %2</translation>
    </message>
    <message>
        <source>restored from %1</source>
        <translation>restaurée depuis la révision %1</translation>
    </message>
    <message>
        <source>Revision %1 restored; saved at %2</source>
        <translation>Révision %1 restaurée&#xa0;; brouillon enregistré à %2</translation>
    </message>
    <message>
        <source>not yet posted</source>
        <translation>pas encore ajoutée</translation>
    </message>
    <message>
        <source>The longest title and body each kind of status site of the workspace accepts.</source>
        <translation>Les longueurs maximales de titre et de corps qu’accepte chaque type de site de statut de l’espace de travail.</translation>
    </message>
    <message>
        <source>Choose a notice first.</source>
        <translation>Choisissez d’abord un avis.</translation>
    </message>
    <message>
        <source>Sending to the store…</source>
        <translation>Écriture dans le stockage des avis…</translation>
    </message>
    <message>
        <source>The workspace has no status sites to publish to (status_sites:).</source>
        <translation>L’espace de travail n’a aucun site de statut où publier (status_sites:).</translation>
    </message>
    <message>
        <source>A notice needs a title.</source>
        <translation>Un avis doit avoir un titre.</translation>
    </message>
    <message>
        <source>Write the update first.</source>
        <translation>Rédigez d’abord la mise à jour.</translation>
    </message>
    <message>
        <source>Choose the status sites, then queue the draft for them in the outbox.</source>
        <translation>Choisir les sites de statut, puis mettre le brouillon en file d’attente pour eux dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>&amp;Outbox (%1)</source>
        <translation>&amp;Boîte d’envoi (%1)</translation>
    </message>
    <message>
        <source>No notice chosen.</source>
        <translation>Aucun avis choisi.</translation>
    </message>
    <message>
        <source>No status site has shown this notice yet: once it is published, each site&apos;s copy is read back and shown here, with what differs from the notice.</source>
        <translation>Aucun site de statut n’a encore affiché cet avis&#xa0;: une fois l’avis publié, la copie de chaque site est relue et affichée ici, avec ce qui diffère de l’avis.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Read at %1</source>
        <translation>Lu le %1</translation>
    </message>
    <message>
        <source>Read at %1 from %2</source>
        <translation>Lu le %1 à l’adresse %2</translation>
    </message>
    <message>
        <source>Could not be read: %1</source>
        <translation>Lecture impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>✓ The site shows what the notice says.</source>
        <translation>✓ Le site affiche ce que dit l’avis.</translation>
    </message>
    <message>
        <source>⚠ The site differs from the notice:</source>
        <translation>⚠ Le site diffère de l’avis&#xa0;:</translation>
    </message>
    <message>
        <source>Update posted to the timeline at %1 (not sent anywhere yet: use Publish…).</source>
        <translation>Mise à jour ajoutée à la chronologie le %1 (pas encore envoyée&#xa0;: utilisez Publier…).</translation>
    </message>
    <message>
        <source>The draft is posted to the timeline as a new update (%1) and queued for each site chosen.</source>
        <translation>Le brouillon est ajouté à la chronologie comme nouvelle mise à jour (%1) et mis en file d’attente pour chaque site choisi.</translation>
    </message>
    <message>
        <source>The latest update (%1, posted at %2) is queued for each site chosen.</source>
        <translation>La dernière mise à jour (%1, ajoutée le %2) est mise en file d’attente pour chaque site choisi.</translation>
    </message>
    <message>
        <source>Queued for %1: the outbox shows each site&apos;s progress.</source>
        <translation>En file d’attente pour %1&#xa0;: la boîte d’envoi affiche l’avancement de chaque site.</translation>
    </message>
    <message>
        <source>Postmortem, in Markdown</source>
        <translation>Postmortem, en Markdown</translation>
    </message>
    <message>
        <source>An incident&apos;s postmortem (Markdown): what happened and why, what was done, what will change. Published with the incident once written.</source>
        <translation>Le postmortem d’un incident (Markdown)&#xa0;: ce qui s’est passé et pourquoi, ce qui a été fait, ce qui va changer. Publié avec l’incident une fois rédigé.</translation>
    </message>
    <message>
        <source>Postmortem</source>
        <translation>Postmortem</translation>
    </message>
    <message>
        <source>Previe&amp;w</source>
        <translation>Ap&amp;erçu</translation>
    </message>
    <message>
        <source>What the pu&amp;blic sees</source>
        <translation>Ce que v&amp;oit le public</translation>
    </message>
    <message>
        <source>Post up&amp;date</source>
        <translation>A&amp;jouter la mise à jour</translation>
    </message>
    <message>
        <source>Titl&amp;e:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>What the pu&amp;blic sees (%1 differing)</source>
        <translation>Ce que v&amp;oit le public (%1 en écart)</translation>
    </message>
</context>
<context>
    <name>Vigie::Options</name>
    <message>
        <source>Vigie watches your services and shows their live health.</source>
        <translation>Vigie surveille vos services et affiche leur état de santé en temps réel.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Affiche la version.</translation>
    </message>
    <message>
        <source>Print the results as a JSON array instead of a table.</source>
        <translation>Écrit les résultats sous forme de tableau JSON plutôt qu’en colonnes.</translation>
    </message>
    <message>
        <source>Save a PNG of the window to FILE once every service has a first result.</source>
        <translation>Enregistre une capture PNG de la fenêtre dans FICHIER dès que chaque service a un premier résultat.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>Quit once the screenshot is saved.</source>
        <translation>Quitte une fois la capture enregistrée.</translation>
    </message>
    <message>
        <source>Run every probe of a workspace once, concurrently, and print the results.
Exit status: 0 when every probe passes, 1 when any is down or degraded, 2 when the workspace is invalid.</source>
        <translation>Exécute une fois chaque sonde d’un espace de travail, en parallèle, et affiche les résultats.
Code de sortie&#xa0;: 0 si toutes les sondes réussissent, 1 si l’une d’elles est en panne ou dégradée, 2 si l’espace de travail est invalide.</translation>
    </message>
    <message>
        <source>Run every probe once and print the results.</source>
        <translation>Exécute une fois chaque sonde et affiche les résultats.</translation>
    </message>
    <message>
        <source>[command]</source>
        <translation>[commande]</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Argument inattendu&#xa0;: %1</translation>
    </message>
    <message>
        <source>Keep probe history in DIR instead of the application data folder.</source>
        <translation>Conserve l’historique des sondes dans DOSSIER au lieu du dossier de données de l’application.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DOSSIER</translation>
    </message>
    <message>
        <source>Show Vigie in LANG (en or fr) instead of the system&apos;s language.</source>
        <translation>Affiche Vigie dans la langue LANGUE (en ou fr) au lieu de celle du système.</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANGUE</translation>
    </message>
    <message>
        <source>Open the workspace FILE.</source>
        <translation>Ouvre l’espace de travail FICHIER.</translation>
    </message>
    <message>
        <source>Stop after DURATION (30s, 5m, 1h30m...) instead of waiting for Ctrl+C or SIGTERM.</source>
        <translation>S’arrête après DURÉE (30s, 5m, 1h30m...) au lieu d’attendre Ctrl+C ou SIGTERM.</translation>
    </message>
    <message>
        <source>DURATION</source>
        <translation>DURÉE</translation>
    </message>
    <message>
        <source>Probe a workspace on its schedule without a window: print each change of health as it happens, and keep results and events in the same history as the console.
Runs until --for has passed, or until Ctrl+C or SIGTERM.
Exit status: 0 when stopped, 1 when the history could not be written, 2 when the workspace or an option is invalid.</source>
        <translation>Sonde un espace de travail selon sa planification, sans fenêtre&#xa0;: affiche chaque changement d’état de santé dès qu’il se produit, et conserve les résultats et les événements dans le même historique que la console.
S’exécute jusqu’à la fin de la durée --for, ou jusqu’à Ctrl+C ou SIGTERM.
Code de sortie&#xa0;: 0 à l’arrêt, 1 si l’historique n’a pas pu être écrit, 2 si l’espace de travail ou une option est invalide.</translation>
    </message>
    <message>
        <source>Probe on schedule and print health changes.</source>
        <translation>Sonde selon la planification et affiche les changements d’état.</translation>
    </message>
    <message>
        <source>Keep the secrets a workspace names (HTTP passwords and tokens) in the system keychain.
  vigie secret set NAME                  store NAME, read from standard input
  vigie secret delete NAME               remove NAME from the keychain
  vigie secret check --workspace FILE    list which secrets of FILE are present
Exit status: 0 on success, 1 when the keychain failed or a secret is missing, 2 on a usage error.</source>
        <translation>Conserve dans le trousseau système les secrets que nomme un espace de travail (mots de passe et jetons HTTP).
  vigie secret set NOM                      enregistre NOM, lu sur l’entrée standard
  vigie secret delete NOM                   supprime NOM du trousseau
  vigie secret check --workspace FICHIER    liste les secrets de FICHIER qui sont présents
Code de sortie&#xa0;: 0 en cas de succès, 1 si le trousseau a échoué ou si un secret manque, 2 en cas d’erreur d’utilisation.</translation>
    </message>
    <message>
        <source>Manage secrets in the keychain.</source>
        <translation>Gère les secrets dans le trousseau.</translation>
    </message>
    <message>
        <source>set, delete or check.</source>
        <translation>set, delete ou check.</translation>
    </message>
    <message>
        <source>&lt;action&gt;</source>
        <translation>&lt;action&gt;</translation>
    </message>
    <message>
        <source>The secret&apos;s name, as the workspace writes it.</source>
        <translation>Le nom du secret, tel que l’espace de travail l’écrit.</translation>
    </message>
    <message>
        <source>[NAME]</source>
        <translation>[NOM]</translation>
    </message>
    <message>
        <source>--for needs a duration such as 30s, 5m or 1h30m, not &quot;%1&quot;.</source>
        <translation>--for attend une durée comme 30s, 5m ou 1h30m, pas &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>vigie secret set NAME | vigie secret delete NAME | vigie secret check --workspace FILE</source>
        <translation>vigie secret set NOM | vigie secret delete NOM | vigie secret check --workspace FICHIER</translation>
    </message>
    <message>
        <source>vigie secret %1 needs the secret&apos;s name: vigie secret %1 NAME</source>
        <translation>vigie secret %1 a besoin du nom du secret&#xa0;: vigie secret %1 NOM</translation>
    </message>
    <message>
        <source>vigie secret check needs a workspace: vigie secret check --workspace FILE</source>
        <translation>vigie secret check a besoin d’un espace de travail&#xa0;: vigie secret check --workspace FICHIER</translation>
    </message>
    <message>
        <source>vigie secret needs an action: %1</source>
        <translation>vigie secret a besoin d’une action&#xa0;: %1</translation>
    </message>
    <message>
        <source>Unknown secret action: %1 (use %2)</source>
        <translation>Action de secret inconnue&#xa0;: %1 (utilisez %2)</translation>
    </message>
    <message>
        <source>Print the verdict and the errors as a JSON object.</source>
        <translation>Afficher le verdict et les erreurs sous forme d’objet JSON.</translation>
    </message>
    <message>
        <source>Print each probe&apos;s changes too, not only each service&apos;s.</source>
        <translation>Afficher aussi les changements de chaque sonde, pas seulement ceux de chaque service.</translation>
    </message>
    <message>
        <source>Load a workspace and report its errors (file:line:column) without running a probe.
Exit status: 0 when the workspace is valid, 2 when it is not or an option is invalid.</source>
        <translation>Charger un espace de travail et signaler ses erreurs (fichier:ligne:colonne) sans lancer de sonde.
Code de sortie&#xa0;: 0 si l’espace de travail est valide, 2 s’il ne l’est pas ou si une option est invalide.</translation>
    </message>
    <message>
        <source>Check a workspace file without probing.</source>
        <translation>Vérifier un fichier d’espace de travail sans sonder.</translation>
    </message>
    <message>
        <source>vigie %1 needs a workspace: vigie %1 --workspace FILE</source>
        <translation>vigie %1 a besoin d’un espace de travail&#xa0;: vigie %1 --workspace FICHIER</translation>
    </message>
    <message>
        <source>Print the samples as a JSON array instead of a table.</source>
        <translation>Affiche les échantillons sous forme de tableau JSON plutôt qu’en colonnes.</translation>
    </message>
    <message>
        <source>Start of the range: ISO 8601 (2026-03-29T19:00, local time without a zone; 2026-03-29T19:00Z or +02:00 with one), or relative: -30m, -24h, -7d, -2w, now. Default: -24h.</source>
        <translation>Début de la période&#xa0;: ISO 8601 (2026-03-29T19:00, heure locale sans fuseau&#xa0;; 2026-03-29T19:00Z ou +02:00 avec un fuseau), ou relatif&#xa0;: -30m, -24h, -7d, -2w, now. Par défaut&#xa0;: -24h.</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>HEURE</translation>
    </message>
    <message>
        <source>End of the range, written as --from. Default: now.</source>
        <translation>Fin de la période, écrite comme --from. Par défaut&#xa0;: now.</translation>
    </message>
    <message>
        <source>Report on the service ID only.</source>
        <translation>Ne rend compte que du service ID.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Print FORMAT: json (for machines), md (Markdown, for a postmortem) or csv (one row per outage). Default: md.</source>
        <translation>Affiche au format FORMAT&#xa0;: json (pour les machines), md (Markdown, pour un postmortem) ou csv (une ligne par panne). Par défaut&#xa0;: md.</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <source>Fetch a metrics endpoint as Prometheus would (OpenMetrics or the text format 0.0.4) and print its samples.
Exit status: 0 when it parsed, 1 when the fetch failed, 3 when the text is invalid (URL:line:column on standard error), 2 on a usage error.</source>
        <translation>Récupère un point de terminaison de métriques comme le ferait Prometheus (OpenMetrics ou le format texte 0.0.4) et affiche ses échantillons.
Code de sortie&#xa0;: 0 si l’analyse a réussi, 1 si la récupération a échoué, 3 si le texte est invalide (URL:ligne:colonne sur la sortie d’erreur), 2 en cas d’erreur d’utilisation.</translation>
    </message>
    <message>
        <source>Fetch and parse a metrics endpoint.</source>
        <translation>Récupère et analyse un point de terminaison de métriques.</translation>
    </message>
    <message>
        <source>The endpoint, such as http://localhost:9100/metrics.</source>
        <translation>Le point de terminaison, par exemple http://localhost:9100/metrics.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Print the availability and the outages of a workspace&apos;s services over a range, from the history the console and vigie watch keep. An outage is a span in which a service was down (degraded is not down); maintenance and time without data are left out of availability and reported.
Exit status: 0 when printed, 1 when the history could not be read, 2 when the workspace or an option is invalid.</source>
        <translation>Affiche la disponibilité et les pannes des services d’un espace de travail sur une période, à partir de l’historique que conservent la console et vigie watch. Une panne est une période pendant laquelle un service était en panne (dégradé n’est pas en panne)&#xa0;; la maintenance et le temps sans données sont exclus de la disponibilité et indiqués à part.
Code de sortie&#xa0;: 0 si le rapport est affiché, 1 si l’historique n’a pas pu être lu, 2 si l’espace de travail ou une option est invalide.</translation>
    </message>
    <message>
        <source>Print availability and outages from the history.</source>
        <translation>Affiche la disponibilité et les pannes à partir de l’historique.</translation>
    </message>
    <message>
        <source>vigie scrape needs a URL: vigie scrape URL</source>
        <translation>vigie scrape a besoin d’une URL&#xa0;: vigie scrape URL</translation>
    </message>
    <message>
        <source>--from needs a time such as 2026-03-29T19:00, -24h, -7d or now, not &quot;%1&quot;.</source>
        <translation>--from attend une heure comme 2026-03-29T19:00, -24h, -7d ou now, pas &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--to needs a time such as 2026-03-29T21:00, -1h or now, not &quot;%1&quot;.</source>
        <translation>--to attend une heure comme 2026-03-29T21:00, -1h ou now, pas &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--from must come before --to.</source>
        <translation>--from doit précéder --to.</translation>
    </message>
    <message>
        <source>--format needs json, md or csv, not &quot;%1&quot;.</source>
        <translation>--format attend json, md ou csv, pas &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Print JSON: a notice as an object with its id, a list as an array.</source>
        <translation>Affiche du JSON&#xa0;: un avis sous forme d’objet avec son id, une liste sous forme de tableau.</translation>
    </message>
    <message>
        <source>Print the entries as a JSON array instead of a table.</source>
        <translation>Affiche les entrées sous forme de tableau JSON plutôt qu’en colonnes.</translation>
    </message>
    <message>
        <source>The update&apos;s status: %1 for an incident; %2 for a maintenance.</source>
        <translation>L’état de la mise à jour&#xa0;: %1 pour un incident&#xa0;; %2 pour une maintenance.</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <source>Have the status sites notify their subscribers (e-mail, SMS...) of this update.</source>
        <translation>Demande aux sites de statut de prévenir leurs abonnés (e-mail, SMS...) de cette mise à jour.</translation>
    </message>
    <message>
        <source>Write, list and publish notices.</source>
        <translation>Rédige, liste et publie des avis.</translation>
    </message>
    <message>
        <source>The notice&apos;s number (show, update, publish).</source>
        <translation>Le numéro de l’avis (show, update, publish).</translation>
    </message>
    <message>
        <source>[ID]</source>
        <translation>[ID]</translation>
    </message>
    <message>
        <source>List the notices&apos; sends to the status sites.</source>
        <translation>Liste les envois des avis vers les sites de statut.</translation>
    </message>
    <message>
        <source>vigie notice needs an action: %1</source>
        <translation>vigie notice a besoin d’une action&#xa0;: %1</translation>
    </message>
    <message>
        <source>Unknown notice action: %1 (use %2)</source>
        <translation>Action d’avis inconnue&#xa0;: %1 (utilisez %2)</translation>
    </message>
    <message>
        <source>vigie notice %1 needs a notice&apos;s number: vigie notice %1 ID</source>
        <translation>vigie notice %1 a besoin du numéro d’un avis&#xa0;: vigie notice %1 ID</translation>
    </message>
    <message>
        <source>A notice&apos;s number is a whole number such as 12, not &quot;%1&quot;.</source>
        <translation>Le numéro d’un avis est un nombre entier comme 12, pas &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>vigie notice %1 needs a file: --from FILE.md</source>
        <translation>vigie notice %1 a besoin d’un fichier&#xa0;: --from FICHIER.md</translation>
    </message>
    <message>
        <source>%1 does not apply to vigie notice %2.</source>
        <translation>%1 ne s’applique pas à vigie notice %2.</translation>
    </message>
    <message>
        <source>vigie notice publish needs a workspace, whose status sites it publishes to: vigie notice publish ID --workspace FILE</source>
        <translation>vigie notice publish a besoin de l’espace de travail vers les sites de statut duquel publier&#xa0;: vigie notice publish ID --workspace FICHIER</translation>
    </message>
    <message>
        <source>Read the notice from FILE: Markdown after a YAML front matter between two &apos;---&apos; lines (title, kind, status, impact, components, window). vigie notice draft: the start of the range, as vigie report reads it.</source>
        <translation>Lit l’avis dans FICHIER&#xa0;: du Markdown après un en-tête YAML placé entre deux lignes «&#xa0;---&#xa0;» (title, kind, status, impact, components, window). vigie notice draft&#xa0;: le début de la période, tel que vigie report le lit.</translation>
    </message>
    <message>
        <source>vigie notice draft: draft from the history of the service ID (repeat it for several).</source>
        <translation>vigie notice draft&#xa0;: rédige à partir de l’historique du service ID (à répéter pour plusieurs services).</translation>
    </message>
    <message>
        <source>vigie notice draft: draft from every service that was down in the range.</source>
        <translation>vigie notice draft&#xa0;: rédige à partir de tous les services qui ont été en panne pendant la période.</translation>
    </message>
    <message>
        <source>Also send what comes due within DURATION (a site&apos;s Retry-After, a backoff); default 60s.</source>
        <translation>Envoie aussi ce qui arrive à échéance d’ici DURÉE (le Retry-After d’un site, une temporisation entre tentatives)&#xa0;; par défaut&#xa0;: 60s.</translation>
    </message>
    <message>
        <source>Write incident and maintenance notices as Markdown files with a YAML front matter, keep them in the data folder, and queue them for the workspace&apos;s status sites.
  vigie notice new --from FILE.md                        create a notice
  vigie notice list                                      list the notices
  vigie notice show ID                                   show a notice and its updates
  vigie notice update ID --status STATUS --from FILE.md  add an update
  vigie notice publish ID --workspace FILE               queue it for every status site
  vigie notice draft (--service ID... | --all) --from TIME --to TIME --workspace FILE
                                                         print a notice drafted from the history
Exit status: 0 on success, 1 when the notices could not be read or written, 2 when a file, the workspace, a notice or an option is invalid (nothing is written then).</source>
        <translation>Rédige des avis d’incident et de maintenance sous forme de fichiers Markdown avec un en-tête YAML, les conserve dans le dossier de données et les met en file d’attente pour les sites de statut de l’espace de travail.
  vigie notice new --from FICHIER.md                      crée un avis
  vigie notice list                                       liste les avis
  vigie notice show ID                                    affiche un avis et ses mises à jour
  vigie notice update ID --status ÉTAT --from FICHIER.md  ajoute une mise à jour
  vigie notice publish ID --workspace FICHIER             le met en file d’attente pour chaque site de statut
  vigie notice draft (--service ID... | --all) --from HEURE --to HEURE --workspace FICHIER
                                                          affiche un avis rédigé à partir de l’historique
Code de sortie&#xa0;: 0 en cas de succès, 1 si les avis n’ont pas pu être lus ou écrits, 2 si un fichier, l’espace de travail, un avis ou une option est invalide (rien n’est alors écrit).</translation>
    </message>
    <message>
        <source>new, list, show, update, publish or draft.</source>
        <translation>new, list, show, update, publish ou draft.</translation>
    </message>
    <message>
        <source>List the outbox: each send of a notice&apos;s update to a status site, with its state (queued, sending, published, failed, needs attention, cancelled), its attempts and its last error.
  vigie outbox                 list the entries
  vigie outbox flush           send what is due now to the workspace&apos;s status sites
  vigie outbox retry ID        queue a failed or attention-needing entry again
  vigie outbox cancel ID       cancel an entry not yet published
Exit status: 0 when done (flush: nothing left pending), 1 when the notices could not be read or written, 2 on a usage error, 3 when a flush left entries pending.</source>
        <translation>Liste la boîte d’envoi&#xa0;: chaque envoi d’une mise à jour d’un avis vers un site de statut, avec son état (en file d’attente, envoi en cours, publié, échec, intervention requise, annulé), ses tentatives et sa dernière erreur.
  vigie outbox                 liste les entrées
  vigie outbox flush           envoie dès maintenant aux sites de statut de l’espace de travail ce qui est arrivé à échéance
  vigie outbox retry ID        remet en file d’attente une entrée en échec ou nécessitant une intervention
  vigie outbox cancel ID       annule une entrée pas encore publiée
Code de sortie&#xa0;: 0 une fois terminé (flush&#xa0;: plus rien en attente), 1 si les avis n’ont pas pu être lus ou écrits, 2 en cas d’erreur d’utilisation, 3 si un flush a laissé des entrées en attente.</translation>
    </message>
    <message>
        <source>flush, retry or cancel (none: list).</source>
        <translation>flush, retry ou cancel (sans action&#xa0;: liste).</translation>
    </message>
    <message>
        <source>vigie notice draft takes --service ID or --all, not both.</source>
        <translation>vigie notice draft prend --service ID ou --all, pas les deux.</translation>
    </message>
    <message>
        <source>vigie notice draft needs the services to draft from: --service ID (one or more) or --all.</source>
        <translation>vigie notice draft a besoin des services à partir desquels rédiger&#xa0;: --service ID (un ou plusieurs) ou --all.</translation>
    </message>
    <message>
        <source>vigie notice draft needs a workspace, whose services it reads: vigie notice draft --workspace FILE</source>
        <translation>vigie notice draft a besoin de l’espace de travail dont il lit les services&#xa0;: vigie notice draft --workspace FICHIER</translation>
    </message>
    <message>
        <source>--lang needs %1, not &quot;%2&quot;.</source>
        <translation>--lang attend %1, pas &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The range is empty: --to must come after --from.</source>
        <translation>La période est vide&#xa0;: --to doit venir après --from.</translation>
    </message>
    <message>
        <source>vigie outbox flush needs the workspace that declares the status sites: vigie outbox flush --workspace FILE</source>
        <translation>vigie outbox flush a besoin de l’espace de travail qui déclare les sites de statut&#xa0;: vigie outbox flush --workspace FICHIER</translation>
    </message>
    <message>
        <source>vigie outbox %1 needs an entry&apos;s number: vigie outbox %1 ID</source>
        <translation>vigie outbox %1 a besoin du numéro d’une entrée&#xa0;: vigie outbox %1 ID</translation>
    </message>
    <message>
        <source>An outbox entry&apos;s number is a whole number such as 12, not &quot;%1&quot;.</source>
        <translation>Le numéro d’une entrée de la boîte d’envoi est un nombre entier comme 12, pas &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Unknown outbox action &quot;%1&quot;: expected flush, retry or cancel.</source>
        <translation>Action de boîte d’envoi inconnue &quot;%1&quot;&#xa0;; attendu&#xa0;: flush, retry ou cancel.</translation>
    </message>
    <message>
        <source>--wait applies to vigie outbox flush only.</source>
        <translation>--wait ne s’applique qu’à vigie outbox flush.</translation>
    </message>
    <message>
        <source>--wait needs a duration such as 30s, 5m or 0s, not &quot;%1&quot;.</source>
        <translation>--wait attend une durée comme 30s, 5m ou 0s, pas &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Open as a NOC wall: full screen, no menus, pages that turn, alarms on every page (Ctrl+Q quits).</source>
        <translation>Ouvrir en mur de supervision&#xa0;: plein écran, sans menus, des pages qui tournent, les alarmes sur chaque page (Ctrl+Q pour quitter).</translation>
    </message>
    <message>
        <source>Show the wall on screen N (0 is the first).</source>
        <translation>Afficher le mur sur l’écran N (0 est le premier).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>--screen needs a screen number (0 is the first): %1</source>
        <translation>--screen attend un numéro d’écran (0 est le premier)&#xa0;: %1</translation>
    </message>
    <message>
        <source>--screen goes with --wall</source>
        <translation>--screen s’emploie avec --wall</translation>
    </message>
    <message>
        <source>vigie: this build has no console; use vigie check, watch, validate, report, scrape, secret, notice, outbox, ack, mute or unmute (see vigie --help).</source>
        <translation>vigie&#xa0;: cette version n’a pas de console&#xa0;; utilisez vigie check, watch, validate, report, scrape, secret, notice, outbox, ack, mute ou unmute (voir vigie --help).</translation>
    </message>
    <message>
        <source>%1 does not go with %2.</source>
        <translation>%1 ne va pas avec %2.</translation>
    </message>
    <message>
        <source>--json goes with --list.</source>
        <translation>--json va avec --list.</translation>
    </message>
    <message>
        <source>vigie ack --clear needs the service: vigie ack --clear SERVICE</source>
        <translation>vigie ack --clear a besoin du service&#xa0;: vigie ack --clear SERVICE</translation>
    </message>
    <message>
        <source>vigie ack needs the failing service: vigie ack SERVICE [--comment TEXT], or vigie ack --list</source>
        <translation>vigie ack a besoin du service en panne&#xa0;: vigie ack SERVICE [--comment TEXTE], ou vigie ack --list</translation>
    </message>
    <message>
        <source>--for needs a duration such as 30m, 1h or 2d, not &quot;%1&quot; (--until takes a time).</source>
        <translation>--for attend une durée comme 30m, 1h ou 2d, pas «&#xa0;%1&#xa0;» (--until prend une heure).</translation>
    </message>
    <message>
        <source>--group needs a group&apos;s name.</source>
        <translation>--group attend le nom d’un groupe.</translation>
    </message>
    <message>
        <source>vigie mute needs what to mute: SERVICE, --group GROUP or --all (or --list to see the mutes).</source>
        <translation>vigie mute a besoin de ce qu’il faut mettre en sourdine&#xa0;: SERVICE, --group GROUPE ou --all (ou --list pour voir les mises en sourdine).</translation>
    </message>
    <message>
        <source>vigie unmute needs what to unmute: SERVICE, --group GROUP or --all.</source>
        <translation>vigie unmute a besoin de ce qu’il faut réactiver&#xa0;: SERVICE, --group GROUPE ou --all.</translation>
    </message>
    <message>
        <source>vigie %1 takes one of SERVICE, --group GROUP and --all, not several.</source>
        <translation>vigie %1 prend un seul de SERVICE, --group GROUPE et --all, pas plusieurs.</translation>
    </message>
    <message>
        <source>With --list: print a JSON array instead of a table.</source>
        <translation>Avec --list&#xa0;: affiche un tableau JSON au lieu d’une table.</translation>
    </message>
    <message>
        <source>Say why (or who is on it): shown with the acknowledgement or the mute.</source>
        <translation>Dites pourquoi (ou qui s’en occupe)&#xa0;: affiché avec l’acquittement ou la mise en sourdine.</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXTE</translation>
    </message>
    <message>
        <source>List the acknowledgements.</source>
        <translation>Liste les acquittements.</translation>
    </message>
    <message>
        <source>List the mutes in force, with their end in local time.</source>
        <translation>Liste les mises en sourdine en cours, avec leur fin en heure locale.</translation>
    </message>
    <message>
        <source>Remove the acknowledgement of SERVICE: its alerts are told again.</source>
        <translation>Retire l’acquittement de SERVICE&#xa0;: ses alertes sont de nouveau envoyées.</translation>
    </message>
    <message>
        <source>Mute the alerts of every service of GROUP.</source>
        <translation>Met en sourdine les alertes de chaque service de GROUPE.</translation>
    </message>
    <message>
        <source>End the mutes of GROUP.</source>
        <translation>Lève les mises en sourdine de GROUPE.</translation>
    </message>
    <message>
        <source>GROUP</source>
        <translation>GROUPE</translation>
    </message>
    <message>
        <source>Mute every alert.</source>
        <translation>Met en sourdine toutes les alertes.</translation>
    </message>
    <message>
        <source>End the mutes of every alert (those of vigie mute --all; the mutes of a group or a service stay).</source>
        <translation>Lève les mises en sourdine de toutes les alertes (celles de vigie mute --all&#xa0;; celles d’un groupe ou d’un service restent).</translation>
    </message>
    <message>
        <source>Mute for DURATION (30m, 1h, 2d). The default is 1h.</source>
        <translation>Met en sourdine pour DURÉE (30m, 1h, 2d). Par défaut&#xa0;: 1&#xa0;h.</translation>
    </message>
    <message>
        <source>Mute until TIME, local: 08:00 or &quot;tomorrow 08:00&quot; (the next such time), &quot;2026-12-03 08:00&quot;, or unmuted (until vigie unmute).</source>
        <translation>Met en sourdine jusqu’à HEURE, locale&#xa0;: 08:00 ou «&#xa0;tomorrow 08:00&#xa0;» (la prochaine fois à cette heure), «&#xa0;2026-12-03 08:00&#xa0;», ou unmuted (jusqu’à vigie unmute).</translation>
    </message>
    <message>
        <source>Acknowledge a failing service: its further alerts are held back until it recovers (the recovery is still told, and ends the acknowledgement). Kept in the alerts database of the data folder, under your user name.
  vigie ack SERVICE [--comment TEXT]   acknowledge SERVICE
  vigie ack --clear SERVICE            remove its acknowledgement
  vigie ack --list                     list the acknowledgements
With --workspace, SERVICE must be one of its services.
Exit status: 0 when done, 1 when the alerts database could not be read or written, 2 on a usage error or an unknown service.</source>
        <translation>Acquitte un service en panne&#xa0;: ses alertes suivantes sont retenues jusqu’à son rétablissement (le rétablissement est tout de même signalé et met fin à l’acquittement). Conservé dans la base des alertes du dossier de données, sous votre nom d’utilisateur.
  vigie ack SERVICE [--comment TEXTE]  acquitte SERVICE
  vigie ack --clear SERVICE            retire son acquittement
  vigie ack --list                     liste les acquittements
Avec --workspace, SERVICE doit être l’un de ses services.
Code de sortie&#xa0;: 0 une fois fait, 1 si la base des alertes n’a pu être lue ou écrite, 2 en cas d’erreur d’utilisation ou de service inconnu.</translation>
    </message>
    <message>
        <source>Acknowledge a failing service.</source>
        <translation>Acquitte un service en panne.</translation>
    </message>
    <message>
        <source>The service&apos;s id, as the workspace writes it.</source>
        <translation>L’identifiant du service, tel que l’écrit l’espace de travail.</translation>
    </message>
    <message>
        <source>[SERVICE]</source>
        <translation>[SERVICE]</translation>
    </message>
    <message>
        <source>Hold back the alerts of a service, of a group or of everything for a while. Kept in the alerts database of the data folder, under your user name.
  vigie mute SERVICE [--for 1h | --until TIME]   mute one service
  vigie mute --group GROUP [...]                 mute a group
  vigie mute --all [...]                         mute every alert
  vigie mute --list                              list the mutes in force
Without --for or --until a mute lasts 1h. With --workspace, SERVICE and GROUP must be among its own.
Exit status: 0 when done, 1 when the alerts database could not be read or written, 2 on a usage error or an unknown service or group.</source>
        <translation>Retient pour un temps les alertes d’un service, d’un groupe ou de tout. Conservé dans la base des alertes du dossier de données, sous votre nom d’utilisateur.
  vigie mute SERVICE [--for 1h | --until HEURE]  met un service en sourdine
  vigie mute --group GROUPE [...]                met un groupe en sourdine
  vigie mute --all [...]                         met toutes les alertes en sourdine
  vigie mute --list                              liste les mises en sourdine en cours
Sans --for ni --until, une mise en sourdine dure 1&#xa0;h. Avec --workspace, SERVICE et GROUPE doivent en faire partie.
Code de sortie&#xa0;: 0 une fois fait, 1 si la base des alertes n’a pu être lue ou écrite, 2 en cas d’erreur d’utilisation, de service ou de groupe inconnu.</translation>
    </message>
    <message>
        <source>End the mutes of a service, of a group or of everything (vigie mute --all) now.
  vigie unmute SERVICE | --group GROUP | --all
Exit status: 0 when done (even when nothing was muted), 1 when the alerts database could not be read or written, 2 on a usage error or an unknown service or group.</source>
        <translation>Lève maintenant les mises en sourdine d’un service, d’un groupe ou de tout (vigie mute --all).
  vigie unmute SERVICE | --group GROUPE | --all
Code de sortie&#xa0;: 0 une fois fait (même sans rien en sourdine), 1 si la base des alertes n’a pu être lue ou écrite, 2 en cas d’erreur d’utilisation, de service ou de groupe inconnu.</translation>
    </message>
    <message>
        <source>Mute alerts for a while.</source>
        <translation>Met des alertes en sourdine pour un temps.</translation>
    </message>
    <message>
        <source>End mutes.</source>
        <translation>Lève des mises en sourdine.</translation>
    </message>
    <message>
        <source>check: run every probe once and print the results (see vigie check --help).
watch: probe on schedule without a window (see vigie watch --help).
report: availability and outages from the history (see vigie report --help).
validate: report a workspace&apos;s errors without probing (see vigie validate --help).
scrape: fetch and print a metrics endpoint&apos;s samples (see vigie scrape --help).
secret: keep workspace secrets in the keychain (see vigie secret --help).
notice: write, list and publish incident notices (see vigie notice --help).
outbox: list the notices&apos; sends to the status sites (see vigie outbox --help).
ack: acknowledge a failing service (see vigie ack --help).
mute, unmute: hold back alerts for a while, and end that (see vigie mute --help).</source>
        <translation>check&#xa0;: exécute une fois chaque sonde et affiche les résultats (voir vigie check --help).
watch&#xa0;: sonde selon la planification, sans fenêtre (voir vigie watch --help).
report&#xa0;: disponibilité et pannes à partir de l’historique (voir vigie report --help).
validate&#xa0;: signale les erreurs d’un espace de travail sans sonder (voir vigie validate --help).
scrape&#xa0;: récupère et affiche les échantillons d’un point de terminaison de métriques (voir vigie scrape --help).
secret&#xa0;: conserve les secrets des espaces de travail dans le trousseau (voir vigie secret --help).
notice&#xa0;: rédige, liste et publie des avis d’incident (voir vigie notice --help).
outbox&#xa0;: liste les envois des avis vers les sites de statut (voir vigie outbox --help).
ack&#xa0;: acquitte un service en panne (voir vigie ack --help).
mute, unmute&#xa0;: retient des alertes pour un temps, et y met fin (voir vigie mute --help).</translation>
    </message>
    <message>
        <source>Unknown command: %1 (the commands are: check, watch, validate, report, scrape, secret, notice, outbox, ack, mute, unmute)</source>
        <translation>Commande inconnue&#xa0;: %1 (les commandes sont&#xa0;: check, watch, validate, report, scrape, secret, notice, outbox, ack, mute, unmute)</translation>
    </message>
</context>
<context>
    <name>Vigie::OutageEpisodeModel</name>
    <message>
        <source>%1 (began before)</source>
        <translation>%1 (commencée avant)</translation>
    </message>
    <message>
        <source>still going</source>
        <translation>toujours en cours</translation>
    </message>
    <message>
        <source>%1 first, then %2</source>
        <translation>%1 d’abord, puis %2</translation>
    </message>
    <message>
        <source>Start (UTC)</source>
        <translation>Début (UTC)</translation>
    </message>
    <message>
        <source>End (UTC)</source>
        <translation>Fin (UTC)</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Failed probes</source>
        <translation>Sondes en échec</translation>
    </message>
    <message>
        <source>Services down</source>
        <translation>Services en panne</translation>
    </message>
</context>
<context>
    <name>Vigie::OutboxCommand</name>
    <message>
        <source>The outbox is empty.</source>
        <translation>La boîte d’envoi est vide.</translation>
    </message>
    <message>
        <source>The system keychain could not be read: %1</source>
        <translation>Le trousseau système n’a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n published</source>
        <translation>
            <numerusform>%n entrée publiée</numerusform>
            <numerusform>%n entrées publiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n left pending.</source>
        <translation>
            <numerusform>, %n toujours en attente.</numerusform>
            <numerusform>, %n toujours en attente.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no outbox entry %1.</source>
        <translation>Il n’y a pas d’entrée %1 dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>The relay stopped before the outbox was flushed.</source>
        <translation>Le relais s’est arrêté avant que la boîte d’envoi soit vidée.</translation>
    </message>
</context>
<context>
    <name>Vigie::OutboxModel</name>
    <message>
        <source>Notice %1</source>
        <translation>Avis %1</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Prochaine tentative</translation>
    </message>
    <message>
        <source>Last error or reason</source>
        <translation>Dernière erreur ou raison</translation>
    </message>
    <message>
        <source>Remote id</source>
        <translation>Identifiant distant</translation>
    </message>
</context>
<context>
    <name>Vigie::OutboxRelay</name>
    <message>
        <source>Vigie cannot publish to %1 yet</source>
        <translation>Vigie ne sait pas encore publier sur %1</translation>
    </message>
    <message>
        <source>the workspace has no status site “%1”</source>
        <translation>l’espace de travail n’a pas de site de statut «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>credentials: %1</source>
        <translation>identifiants&#xa0;: %1</translation>
    </message>
    <message>
        <source>the relay stopped</source>
        <translation>le relais s’est arrêté</translation>
    </message>
</context>
<context>
    <name>Vigie::ProbePhase</name>
    <message>
        <source>resolve</source>
        <translation>résolution DNS</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>processing</source>
        <translation>traitement</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>transfert</translation>
    </message>
    <message>
        <source>banner</source>
        <translation>bannière</translation>
    </message>
    <message>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <source>body</source>
        <translation>corps</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>latence</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>configuration</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>condition</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>certificat</translation>
    </message>
    <message>
        <source>DNS answer</source>
        <translation>réponse DNS</translation>
    </message>
    <message>
        <source>send</source>
        <translation>envoi</translation>
    </message>
    <message>
        <source>expect</source>
        <translation>réception</translation>
    </message>
    <message>
        <source>provider status</source>
        <translation>état du fournisseur</translation>
    </message>
</context>
<context>
    <name>Vigie::ProblemDelegate</name>
    <message>
        <source>%1 %2</source>
        <comment>state, then for how long: Down for 12 min</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>Vigie::ProblemsView</name>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
</context>
<context>
    <name>Vigie::PrometheusClient</name>
    <message>
        <source>%1 did not answer as the Prometheus API does: %2</source>
        <translation>%1 n’a pas répondu comme l’API de Prometheus&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 refused the query (%2): %3</source>
        <translation>%1 a refusé la requête (%2)&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 a répondu HTTP %2</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation>%1 a répondu HTTP %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>no &quot;status&quot;: &quot;success&quot;</source>
        <translation>pas de &quot;status&quot;: &quot;success&quot;</translation>
    </message>
    <message>
        <source>a malformed %1 result</source>
        <translation>un résultat %1 mal formé</translation>
    </message>
    <message>
        <source>an unknown result type &quot;%1&quot;</source>
        <translation>un type de résultat inconnu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>native histogram samples were left out: Vigie reads float samples</source>
        <translation>les échantillons d’histogrammes natifs ont été laissés de côté&#xa0;: Vigie lit les échantillons à virgule flottante</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// URL</source>
        <translation>&apos;%1&apos; n’est pas une URL http:// ou https://</translation>
    </message>
    <message>
        <source>the secret &quot;%1&quot; is not in the keychain; add it with: vigie secret set %1</source>
        <translation>le secret &quot;%1&quot; n’est pas dans le trousseau&#xa0;; ajoutez-le avec&#xa0;: vigie secret set %1</translation>
    </message>
    <message>
        <source>the CA file %1 could not be read or holds no PEM certificate</source>
        <translation>le fichier de CA %1 est illisible ou ne contient aucun certificat PEM</translation>
    </message>
    <message>
        <source>the timeout of a query to %1 must be positive</source>
        <translation>le délai d’une requête à %1 doit être positif</translation>
    </message>
    <message>
        <source>timed out after %1 s reading the answer of %2</source>
        <translation>délai dépassé après %1&#xa0;s à lire la réponse de %2</translation>
    </message>
    <message>
        <source>timed out after %1 s waiting for %2 to answer</source>
        <translation>délai dépassé après %1 s en attendant la réponse de %2</translation>
    </message>
    <message>
        <source>%1 sent more than the 256 MiB an answer may weigh</source>
        <translation>%1 a envoyé plus que les 256&#xa0;Mio qu’une réponse peut peser</translation>
    </message>
    <message>
        <source>could not resolve host &apos;%1&apos;</source>
        <translation>impossible de résoudre l’hôte &apos;%1&apos;</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>connexion refusée par %1</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>échec de la négociation TLS avec %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>could not query %1: %2</source>
        <translation>impossible d’interroger %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Vigie::PrometheusProber</name>
    <message>
        <source>the query returned a string (&quot;%1&quot;), not numbers</source>
        <translation>la requête a renvoyé une chaîne («&#xa0;%1&#xa0;»), pas des nombres</translation>
    </message>
    <message>
        <source>the query returned no series</source>
        <translation>la requête n’a renvoyé aucune série</translation>
    </message>
    <message>
        <source>value %1</source>
        <translation>valeur %1</translation>
    </message>
    <message>
        <source>%1 series</source>
        <translation>%1 série(s)</translation>
    </message>
    <message>
        <source>Prometheus warns: %1</source>
        <translation>Prometheus avertit&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>et %n autre</numerusform>
            <numerusform>et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 series fail %3: %4</source>
        <translation>%1 série(s) sur %2 en échec pour %3&#xa0;: %4</translation>
    </message>
    <message>
        <source>%1 of %2 series fail (value 0 or NaN): %3</source>
        <translation>%1 série(s) sur %2 en échec (valeur 0 ou NaN)&#xa0;: %3</translation>
    </message>
    <message>
        <source>the probe of %1 has no query</source>
        <translation>la sonde de %1 n’a pas de requête</translation>
    </message>
    <message>
        <source>the secret &quot;%1&quot; is not in the keychain; add it with: vigie secret set %1</source>
        <translation>le secret &quot;%1&quot; n’est pas dans le trousseau&#xa0;; ajoutez-le avec&#xa0;: vigie secret set %1</translation>
    </message>
</context>
<context>
    <name>Vigie::PublicCopy</name>
    <message>
        <source>the title differs: the site shows “%1”</source>
        <translation>le titre diffère&#xa0;: le site affiche «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>the site shows the status “%1”, the notice “%2”</source>
        <translation>le site affiche l’état «&#xa0;%1&#xa0;», l’avis «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>the site shows %1 updates, the notice has %2</source>
        <translation>nombre de mises à jour&#xa0;: %1 sur le site, %2 dans l’avis</translation>
    </message>
    <message>
        <source>update %1: the site shows the status “%2”, the notice “%3”</source>
        <translation>mise à jour %1&#xa0;: le site affiche l’état «&#xa0;%2&#xa0;», l’avis «&#xa0;%3&#xa0;»</translation>
    </message>
    <message>
        <source>update %1: the site shows another text</source>
        <translation>mise à jour %1&#xa0;: le site affiche un autre texte</translation>
    </message>
</context>
<context>
    <name>Vigie::PublishDialog</name>
    <message>
        <source>Publish Notice</source>
        <translation>Publier l’avis</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Envoyer vers</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>&amp;Notify subscribers (deliver_notifications)</source>
        <translation>&amp;Prévenir les abonnés (deliver_notifications)</translation>
    </message>
    <message>
        <source>Statuspage sends this update by e-mail and text message to every subscriber of the page.</source>
        <translation>Statuspage envoie cette mise à jour par e-mail et par SMS à tous les abonnés de la page.</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>P&amp;ublier</translation>
    </message>
</context>
<context>
    <name>Vigie::ReportCommand</name>
    <message>
        <source>vigie report: %1 has no service &quot;%2&quot;.</source>
        <translation>vigie report&#xa0;: %1 n’a pas de service &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>vigie report: no history in %1 (the console and vigie watch keep it there).</source>
        <translation>vigie report&#xa0;: pas d’historique dans %1 (la console et vigie watch le conservent là).</translation>
    </message>
    <message>
        <source>vigie report: %1</source>
        <translation>vigie report&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Vigie::ReportFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1&#xa0;min %2&#xa0;s</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1&#xa0;h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1&#xa0;h %2&#xa0;min</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1&#xa0;j</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1&#xa0;j %2&#xa0;h</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sans données</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>no outage</source>
        <translation>aucune panne</translation>
    </message>
    <message>
        <source>%1 (still going)</source>
        <translation>%1 (toujours en cours)</translation>
    </message>
    <message numerus="yes">
        <source>%n outage(s) from %1 to %2, %3 in all</source>
        <translation>
            <numerusform>%n panne de %1 à %2, %3 en tout</numerusform>
            <numerusform>%n pannes de %1 à %2, %3 en tout</numerusform>
        </translation>
    </message>
    <message>
        <source>Availability report</source>
        <translation>Rapport de disponibilité</translation>
    </message>
    <message>
        <source>From %1 to %2 (UTC), %3. Availability leaves out maintenance and time without data; degraded counts as available.</source>
        <translation>Du %1 au %2 (UTC), %3. La disponibilité exclut la maintenance et le temps sans données&#xa0;; dégradé compte comme disponible.</translation>
    </message>
    <message>
        <source>Availability: %1</source>
        <translation>Disponibilité&#xa0;: %1</translation>
    </message>
    <message>
        <source>the longest %1</source>
        <translation>la plus longue %1</translation>
    </message>
    <message>
        <source>MTTR %1, MTBF %2</source>
        <translation>MTTR %1, MTBF %2</translation>
    </message>
    <message>
        <source>Maintenance %1, no data %2</source>
        <translation>Maintenance %1, sans données %2</translation>
    </message>
    <message numerus="yes">
        <source>All services (%n)</source>
        <translation>
            <numerusform>Tous les services (%n)</numerusform>
            <numerusform>Tous les services (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>First to fail</source>
        <translation>Premier en panne</translation>
    </message>
    <message>
        <source>Services down</source>
        <translation>Services en panne</translation>
    </message>
    <message>
        <source>(still going)</source>
        <translation>(toujours en cours)</translation>
    </message>
    <message numerus="yes">
        <source>Group %1 (%n service(s))</source>
        <translation>
            <numerusform>Groupe %1 (%n service)</numerusform>
            <numerusform>Groupe %1 (%n services)</numerusform>
        </translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilité</translation>
    </message>
    <message>
        <source>Outages</source>
        <translation>Pannes</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>Indisponibilité</translation>
    </message>
    <message>
        <source>Longest</source>
        <translation>La plus longue</translation>
    </message>
    <message>
        <source>MTTR</source>
        <translation>MTTR</translation>
    </message>
    <message>
        <source>MTBF</source>
        <translation>MTBF</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Sans données</translation>
    </message>
    <message>
        <source>Failed probes</source>
        <translation>Sondes en échec</translation>
    </message>
    <message>
        <source>%1 (began before)</source>
        <translation>%1 (commencée avant)</translation>
    </message>
    <message>
        <source>Services operational</source>
        <translation>Services opérationnels</translation>
    </message>
    <message>
        <source>no data at %1</source>
        <translation>sans données à %1</translation>
    </message>
    <message>
        <source>%1 % at %2</source>
        <translation>%1&#xa0;% à %2</translation>
    </message>
</context>
<context>
    <name>Vigie::ReportsView</name>
    <message>
        <source>Availability of the services</source>
        <translation>Disponibilité des services</translation>
    </message>
    <message>
        <source>Outages</source>
        <translation>Pannes</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Dernière année</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Read the history again, up to now.</source>
        <translation>Relire l’historique jusqu’à maintenant.</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>Save this report as CSV (one row per outage), Markdown (for a postmortem) or JSON, as vigie report prints it.</source>
        <translation>Enregistrer ce rapport en CSV (une ligne par panne), Markdown (pour un postmortem) ou JSON, tel que l’affiche vigie report.</translation>
    </message>
    <message>
        <source>&amp;CSV…</source>
        <translation>&amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;Markdown…</source>
        <translation>&amp;Markdown…</translation>
    </message>
    <message>
        <source>&amp;JSON…</source>
        <translation>&amp;JSON…</translation>
    </message>
    <message>
        <source>R&amp;ange:</source>
        <translation>&amp;Période&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Services:</source>
        <translation>&amp;Services&#xa0;:</translation>
    </message>
    <message>
        <source>Share of services operational</source>
        <translation>Part des services opérationnels</translation>
    </message>
    <message>
        <source>Services operational</source>
        <translation>Services opérationnels</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>Tous les services</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Groupe %1</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Lecture de l’historique…</translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2 (UTC): availability %3 over %n service(s); %4.</source>
        <translation>
            <numerusform>Du %1 au %2 (UTC)&#xa0;: disponibilité %3 sur %n service&#xa0;; %4.</numerusform>
            <numerusform>Du %1 au %2 (UTC)&#xa0;: disponibilité %3 sur %n services&#xa0;; %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>Maintenance (%1) and time without data (%2) are left out; degraded counts as available.</source>
        <translation>La maintenance (%1) et le temps sans données (%2) sont exclus&#xa0;; dégradé compte comme disponible.</translation>
    </message>
    <message>
        <source>Outages of %1: %2</source>
        <translation>Pannes de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Outages of the services shown (select a service for its own): %1</source>
        <translation>Pannes des services affichés (sélectionnez un service pour voir les siennes)&#xa0;: %1</translation>
    </message>
    <message>
        <source>vigie-report.%1</source>
        <translation>vigie-rapport.%1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Fichiers Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>&amp;Draft a notice…</source>
        <translation>&amp;Rédiger un avis…</translation>
    </message>
    <message>
        <source>Draft an incident notice from the selected outage and the cuts around it: the services, their times, the facts and the timeline, for you to edit.</source>
        <translation>Rédiger un avis d’incident à partir de la panne sélectionnée et des coupures voisines&#xa0;: les services, leurs horaires, les faits et la chronologie, que vous pourrez ensuite modifier.</translation>
    </message>
</context>
<context>
    <name>Vigie::ResultStore</name>
    <message>
        <source>The results store is already open on %1.</source>
        <translation>La base de résultats est déjà ouverte sur %1.</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1 for the results database.</source>
        <translation>Impossible de créer le dossier de données %1 pour la base de résultats.</translation>
    </message>
    <message>
        <source>The results store is not open.</source>
        <translation>La base des résultats n’est pas ouverte.</translation>
    </message>
    <message>
        <source>the history database</source>
        <translation>la base d’historique</translation>
    </message>
    <message numerus="yes">
        <source>%n probe result(s)</source>
        <translation>
            <numerusform>%n résultat de sonde</numerusform>
            <numerusform>%n résultats de sonde</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n health event(s)</source>
        <translation>
            <numerusform>%n événement de santé</numerusform>
            <numerusform>%n événements de santé</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 et %2</translation>
    </message>
    <message>
        <source>%1 could not be written to %2.</source>
        <translation>%1 n’ont pas pu être écrits dans %2.</translation>
    </message>
    <message>
        <source>Cannot read the schema version of the database %1 (is it a SQLite database?): %2.</source>
        <translation>Impossible de lire la version du schéma de la base de données %1 (est-ce bien une base SQLite&#xa0;?)&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of Vigie (schema version %2; this version knows up to %3). Update Vigie, or start it with another data folder.</source>
        <translation>La base de données %1 a été écrite par une version plus récente de Vigie (schéma en version %2&#xa0;; cette version connaît jusqu’à la version %3). Mettez Vigie à jour, ou lancez-le avec un autre dossier de données.</translation>
    </message>
    <message>
        <source>Cannot start upgrading the database %1 to schema version %2: %3.</source>
        <translation>Impossible de démarrer la migration de la base de données %1 vers la version %2 du schéma&#xa0;: %3.</translation>
    </message>
    <message>
        <source>Cannot upgrade the database %1 to schema version %2: %3. It is left at version %4.</source>
        <translation>Impossible de migrer la base de données %1 vers la version %2 du schéma&#xa0;: %3. Elle reste en version %4.</translation>
    </message>
    <message>
        <source>The database %1 is damaged or is not a SQLite database (%2): move it aside to start a new one.</source>
        <translation>La base de données %1 est endommagée ou n’est pas une base SQLite (%2)&#xa0;: déplacez-la pour en commencer une nouvelle.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: the SQLite driver of Qt (QSQLITE) is not installed.</source>
        <translation>Impossible d’ouvrir la base de données %1&#xa0;: le pilote SQLite de Qt (QSQLITE) n’est pas installé.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2.</source>
        <translation>Impossible d’ouvrir la base de données %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Cannot use the database %1 (is it a SQLite database?): %2.</source>
        <translation>Impossible d’utiliser la base de données %1 (est-ce bien une base SQLite&#xa0;?)&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Cannot switch the database %1 to write-ahead logging: SQLite kept the journal mode &quot;%2&quot; (is the data folder on a network share?).</source>
        <translation>Impossible de passer la base de données %1 en journalisation anticipée (WAL)&#xa0;: SQLite a conservé le mode de journal «&#xa0;%2&#xa0;» (le dossier de données est-il sur un partage réseau&#xa0;?).</translation>
    </message>
</context>
<context>
    <name>Vigie::ResultWriter</name>
    <message>
        <source>Cannot prepare the statements that save probe results and health events in %1: %2.</source>
        <translation>Impossible de préparer les requêtes qui enregistrent les résultats des sondes et les événements de santé dans %1&#xa0;: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n probe result(s)</source>
        <translation>
            <numerusform>%n résultat de sonde</numerusform>
            <numerusform>%n résultats de sonde</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n health event(s)</source>
        <translation>
            <numerusform>%n événement de santé</numerusform>
            <numerusform>%n événements de santé</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 et %2</translation>
    </message>
    <message>
        <source>Could not save %1 to %2: %3. They are kept in memory and will be written again in %4 s.</source>
        <translation>Impossible d’enregistrer %1 dans %2&#xa0;: %3. Ils sont conservés en mémoire et une nouvelle écriture sera tentée dans %4 s.</translation>
    </message>
    <message>
        <source>Probe results and health events are saved to %1 again.</source>
        <translation>Les résultats des sondes et les événements de santé sont de nouveau enregistrés dans %1.</translation>
    </message>
    <message>
        <source>Probe results and health events are no longer saved until Vigie is restarted.</source>
        <translation>Les résultats des sondes et les événements de santé ne sont plus enregistrés jusqu’au redémarrage de Vigie.</translation>
    </message>
    <message>
        <source>The results store is not open.</source>
        <translation>La base des résultats n’est pas ouverte.</translation>
    </message>
</context>
<context>
    <name>Vigie::ScrapeCommand</name>
    <message>
        <source>SAMPLE</source>
        <translation>ÉCHANTILLON</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>TYPE</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>VALEUR</translation>
    </message>
    <message>
        <source>TIMESTAMP (ms)</source>
        <translation>HORODATAGE (ms)</translation>
    </message>
</context>
<context>
    <name>Vigie::Scraper</name>
    <message>
        <source>%1 is not an http or https URL</source>
        <translation>%1 n’est pas une URL http ou https</translation>
    </message>
    <message>
        <source>timed out after %1 s fetching %2</source>
        <translation>délai dépassé après %1&#xa0;s lors de la récupération de %2</translation>
    </message>
    <message>
        <source>%1 sent more than %2 MiB</source>
        <translation>%1 a envoyé plus de %2&#xa0;Mio</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2, expected 2xx</source>
        <translation>%1 a répondu HTTP %2 au lieu de 2xx</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>connexion refusée par %1</translation>
    </message>
    <message>
        <source>could not fetch %1: %2</source>
        <translation>impossible de récupérer %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Vigie::ScreenSaverInhibitor</name>
    <message>
        <source>The screen may go to sleep: this desktop offers no screen saver service (org.freedesktop.ScreenSaver) to keep it on.</source>
        <translation>L’écran risque de se mettre en veille&#xa0;: ce bureau n’offre aucun service d’économiseur d’écran (org.freedesktop.ScreenSaver) pour le garder allumé.</translation>
    </message>
    <message>
        <source>The screen may go to sleep: the desktop did not keep it on (%1).</source>
        <translation>L’écran risque de se mettre en veille&#xa0;: le bureau ne l’a pas gardé allumé (%1).</translation>
    </message>
    <message>
        <source>The screen may go to sleep: there is no session bus (D-Bus) to ask the desktop to keep it on.</source>
        <translation>L’écran risque de se mettre en veille&#xa0;: aucun bus de session (D-Bus) ne permet de demander au bureau de le garder allumé.</translation>
    </message>
    <message>
        <source>The screen may go to sleep: Windows did not keep it on.</source>
        <translation>L’écran risque de se mettre en veille&#xa0;: Windows ne l’a pas gardé allumé.</translation>
    </message>
    <message>
        <source>The screen may go to sleep: macOS did not keep it on (IOKit error 0x%1).</source>
        <translation>L’écran risque de se mettre en veille&#xa0;: macOS ne l’a pas gardé allumé (erreur IOKit 0x%1).</translation>
    </message>
    <message>
        <source>The screen may go to sleep: this system offers Vigie no way to keep it on.</source>
        <translation>L’écran risque de se mettre en veille&#xa0;: ce système n’offre à Vigie aucun moyen de le garder allumé.</translation>
    </message>
</context>
<context>
    <name>Vigie::SecretCommand</name>
    <message>
        <source>Secret for %1 (not shown): </source>
        <translation>Secret pour %1 (non affiché)&#xa0;: </translation>
    </message>
    <message>
        <source>vigie: no secret was read from standard input, so nothing was stored for %1.</source>
        <translation>vigie&#xa0;: aucun secret n’a été lu sur l’entrée standard, rien n’a donc été enregistré pour %1.</translation>
    </message>
    <message>
        <source>The secret %1 is stored in the system keychain.</source>
        <translation>Le secret %1 est enregistré dans le trousseau système.</translation>
    </message>
    <message>
        <source>The secret %1 is no longer in the system keychain.</source>
        <translation>Le secret %1 n’est plus dans le trousseau système.</translation>
    </message>
    <message>
        <source>The workspace names no secrets.</source>
        <translation>L’espace de travail ne nomme aucun secret.</translation>
    </message>
    <message>
        <source>present</source>
        <translation>présent</translation>
    </message>
    <message>
        <source>missing: add it with: vigie secret set %1</source>
        <translation>absent&#xa0;: ajoutez-le avec&#xa0;: vigie secret set %1</translation>
    </message>
    <message>
        <source>vigie: &quot;%1&quot; is not a secret name: use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only, as a workspace&apos;s &apos;secret:&apos; does.</source>
        <translation>vigie&#xa0;: &quot;%1&quot; n’est pas un nom de secret&#xa0;: n’utilisez que des lettres, des chiffres, &apos;.&apos;, &apos;_&apos; et &apos;-&apos;, comme le &apos;secret:&apos; d’un espace de travail.</translation>
    </message>
</context>
<context>
    <name>Vigie::SecretStore</name>
    <message>
        <source>Vigie could not read the secret &quot;%1&quot; from the system keychain: %2</source>
        <translation>Vigie n’a pas pu lire le secret &quot;%1&quot; dans le trousseau système&#xa0;: %2</translation>
    </message>
    <message>
        <source>Vigie could not read secrets from the system keychain: it was asked before the application started.</source>
        <translation>Vigie n’a pas pu lire les secrets du trousseau système&#xa0;: la demande a eu lieu avant le démarrage de l’application.</translation>
    </message>
    <message>
        <source>Vigie could not store the secret &quot;%1&quot; in the system keychain: %2</source>
        <translation>Vigie n’a pas pu enregistrer le secret &quot;%1&quot; dans le trousseau système&#xa0;: %2</translation>
    </message>
    <message>
        <source>Vigie could not remove the secret &quot;%1&quot; from the system keychain: %2</source>
        <translation>Vigie n’a pas pu supprimer le secret &quot;%1&quot; du trousseau système&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Vigie::SeriesStore</name>
    <message>
        <source>The series store is already open on %1.</source>
        <translation>Le stockage des séries est déjà ouvert sur %1.</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1 for the series database.</source>
        <translation>Impossible de créer le dossier de données %1 pour la base des séries.</translation>
    </message>
    <message>
        <source>The series store is not open.</source>
        <translation>Le stockage des séries n’est pas ouvert.</translation>
    </message>
</context>
<context>
    <name>Vigie::SeriesWriter</name>
    <message>
        <source>Cannot prepare the series database %1: %2.</source>
        <translation>Impossible de préparer la base des séries %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Writing to the series database %1 works again.</source>
        <translation>L’écriture dans la base des séries %1 fonctionne de nouveau.</translation>
    </message>
    <message>
        <source>a chunk of series %1 cannot be decoded</source>
        <translation>un bloc de la série %1 ne peut pas être décodé</translation>
    </message>
    <message>
        <source>the minute rollups of series %1 cannot be decoded</source>
        <translation>les agrégats par minute de la série %1 ne peuvent pas être décodés</translation>
    </message>
    <message>
        <source>Cannot write to the series database %1: %2.</source>
        <translation>Impossible d’écrire dans la base des séries %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The series database is not open.</source>
        <translation>La base des séries n’est pas ouverte.</translation>
    </message>
</context>
<context>
    <name>Vigie::ServiceBoardModel</name>
    <message>
        <source>No data yet</source>
        <translation>Pas encore de données</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>Maintenance: %1</source>
        <translation>Maintenance&#xa0;: %1</translation>
    </message>
    <message>
        <source>Impacted by %1</source>
        <translation>Impacté par %1</translation>
    </message>
    <message>
        <source>TLS verification off: %1</source>
        <translation>Vérification TLS désactivée&#xa0;: %1</translation>
    </message>
    <message>
        <source>no recent result</source>
        <translation>aucun résultat récent</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>quelqu’un</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>Acquitté par %1</translation>
    </message>
    <message>
        <source>Acknowledged by %1: %2</source>
        <translation>Acquitté par %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Vigie::ServiceDetailPanel</name>
    <message>
        <source>Service detail</source>
        <translation>Détail du service</translation>
    </message>
    <message>
        <source>Select a service on the board to see its probes and response times.</source>
        <translation>Sélectionnez un service sur le tableau pour voir ses sondes et ses temps de réponse.</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Résolution DNS</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfert</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Sans groupe</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Groupe&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 · HTTP %2</source>
        <translation>%1 · HTTP %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>checked at %1</source>
        <translation>vérifié à %1</translation>
    </message>
    <message>
        <source>TLS not verified: %1</source>
        <translation>TLS non vérifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>Temps de réponse</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>All probes</source>
        <translation>Toutes les sondes</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Taux d’erreur</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>En panne</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
</context>
<context>
    <name>Vigie::Session</name>
    <message>
        <source>Opening the results database was cancelled.</source>
        <translation>L’ouverture de la base des résultats a été annulée.</translation>
    </message>
    <message>
        <source>Opening the series database was cancelled.</source>
        <translation>L’ouverture de la base des séries a été annulée.</translation>
    </message>
    <message>
        <source>Opening the notices database was cancelled.</source>
        <translation>L’ouverture de la base des avis a été annulée.</translation>
    </message>
</context>
<context>
    <name>Vigie::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Celle du système</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Applies after a restart.</source>
        <translation>S’applique au prochain démarrage.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème&#xa0;:</translation>
    </message>
    <message>
        <source>Alerts on this desktop</source>
        <translation>Alertes sur ce bureau</translation>
    </message>
    <message>
        <source>Show desktop &amp;notifications</source>
        <translation>Afficher les &amp;notifications du bureau</translation>
    </message>
    <message>
        <source>Play a &amp;sound with them</source>
        <translation>Les accompagner d’un &amp;son</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Default location</source>
        <translation>Emplacement par défaut</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Data Folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>Data &amp;folder:</source>
        <translation>&amp;Dossier des données&#xa0;:</translation>
    </message>
    <message>
        <source>Wall display</source>
        <translation>Affichage mural</translation>
    </message>
    <message>
        <source>The console&apos;s screen</source>
        <translation>L’écran de la console</translation>
    </message>
    <message>
        <source>%1 (%2 × %3)</source>
        <translation>%1 (%2&#xa0;×&#xa0;%3)</translation>
    </message>
    <message>
        <source>Scr&amp;een:</source>
        <translation>Écra&amp;n&#xa0;:</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source> s</source>
        <translation>&#xa0;s</translation>
    </message>
    <message>
        <source>Hide a still c&amp;ursor after:</source>
        <translation>Masquer le c&amp;urseur immobile après&#xa0;:</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>Utilisé maintenant&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (non branché)</translation>
    </message>
</context>
<context>
    <name>Vigie::SiteApiClient</name>
    <message>
        <source>no answer from %1 within %2 s; the request may have been applied</source>
        <translation>%1 n’a pas répondu en %2&#xa0;s&#xa0;; la requête a peut-être été appliquée</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>%1 n’a pas répondu en %2&#xa0;s</translation>
    </message>
    <message>
        <source>%1 refused the token (HTTP %2): %3</source>
        <translation>%1 a refusé le jeton (HTTP %2)&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 limits the rate of requests (HTTP %2); trying again in %3 s</source>
        <translation>%1 limite le débit des requêtes (HTTP %2)&#xa0;; nouvel essai dans %3&#xa0;s</translation>
    </message>
    <message>
        <source>%1 failed (HTTP %2): %3</source>
        <translation>%1 a échoué (HTTP %2)&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 refused the request (HTTP %2): %3</source>
        <translation>%1 a refusé la requête (HTTP %2)&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 redirected the request to another address; Vigie does not send the token there</source>
        <translation>%1 a redirigé la requête vers une autre adresse&#xa0;; Vigie n’y envoie pas le jeton</translation>
    </message>
    <message>
        <source>the TLS connection to %1 failed: %2</source>
        <translation>la connexion TLS à %1 a échoué&#xa0;: %2</translation>
    </message>
    <message>
        <source>the connection to %1 broke after the request was sent (%2); it may have been applied</source>
        <translation>la connexion à %1 s’est rompue après l’envoi de la requête (%2)&#xa0;; elle a peut-être été appliquée</translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation>%1 est injoignable&#xa0;: %2</translation>
    </message>
    <message>
        <source>the system keychain has no secret &apos;%1&apos; for the token of %2</source>
        <translation>le trousseau du système n’a aucun secret «&#xa0;%1&#xa0;» pour le jeton de %2</translation>
    </message>
    <message>
        <source>%1 did not answer as the %2 API does; the request may have been applied</source>
        <translation>%1 n’a pas répondu comme le fait l’API %2&#xa0;; la requête a peut-être été appliquée</translation>
    </message>
</context>
<context>
    <name>Vigie::SmtpChannel</name>
    <message>
        <source>connect</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>greeting</source>
        <translation>accueil</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>TLS handshake</source>
        <translation>négociation TLS</translation>
    </message>
    <message>
        <source>login</source>
        <translation>authentification</translation>
    </message>
    <message>
        <source>sender (MAIL FROM)</source>
        <translation>expéditeur (MAIL FROM)</translation>
    </message>
    <message>
        <source>recipient (RCPT TO)</source>
        <translation>destinataire (RCPT TO)</translation>
    </message>
    <message>
        <source>message (DATA)</source>
        <translation>message (DATA)</translation>
    </message>
    <message>
        <source>%1 accepted the message: %2</source>
        <translation>%1 a accepté le message&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 refused the %2 for now: %3</source>
        <translation>%1 a refusé pour l’instant l’étape «&#xa0;%2&#xa0;»&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 refused the %2: %3</source>
        <translation>%1 a refusé l’étape «&#xa0;%2&#xa0;»&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 does not offer STARTTLS (%2)</source>
        <translation>%1 ne propose pas STARTTLS (%2)</translation>
    </message>
    <message>
        <source>the TLS connection to %1 failed (%2: %3)</source>
        <translation>la connexion TLS à %1 a échoué (%2&#xa0;: %3)</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s (%3)</source>
        <translation>pas de réponse de %1 en %2&#xa0;s (%3)</translation>
    </message>
    <message>
        <source>%1 could not be reached (%2: %3)</source>
        <translation>%1 est injoignable (%2&#xa0;: %3)</translation>
    </message>
    <message>
        <source>the password “%1” is not in the keychain</source>
        <translation>le mot de passe «&#xa0;%1&#xa0;» n’est pas dans le trousseau</translation>
    </message>
    <message>
        <source>the channel has no recipient</source>
        <translation>le canal n’a pas de destinataire</translation>
    </message>
</context>
<context>
    <name>Vigie::StaticSite</name>
    <message>
        <source>Minor service outage</source>
        <translation>Panne mineure d’un service</translation>
    </message>
    <message>
        <source>Partial system outage</source>
        <translation>Panne partielle du système</translation>
    </message>
    <message>
        <source>Major system outage</source>
        <translation>Panne majeure du système</translation>
    </message>
    <message>
        <source>Service under maintenance</source>
        <translation>Service en maintenance</translation>
    </message>
    <message>
        <source>All systems operational</source>
        <translation>Tous les systèmes sont opérationnels</translation>
    </message>
    <message>
        <source>en</source>
        <comment>the language code of the status site&apos;s pages</comment>
        <translation>fr</translation>
    </message>
    <message>
        <source>Current status</source>
        <translation>État actuel</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Atom feed</source>
        <translation>Flux Atom</translation>
    </message>
    <message>
        <source>Planned from %1 to %2</source>
        <translation>Planifiée de %1 à %2</translation>
    </message>
    <message>
        <source>Impact: %1</source>
        <translation>Impact&#xa0;: %1</translation>
    </message>
    <message>
        <source>Current incidents</source>
        <translation>Incidents en cours</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Composants</translation>
    </message>
    <message>
        <source>Affected components</source>
        <translation>Composants touchés</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Mises à jour</translation>
    </message>
    <message>
        <source>Postmortem</source>
        <translation>Postmortem</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>De %1 à %2</translation>
    </message>
    <message>
        <source>No past incidents or maintenance.</source>
        <translation>Aucun incident ni maintenance passés.</translation>
    </message>
</context>
<context>
    <name>Vigie::StatusSiteLimits</name>
    <message>
        <source>Static site</source>
        <translation>Site statique</translation>
    </message>
    <message>
        <source>title %1 / %2</source>
        <translation>titre %1 / %2</translation>
    </message>
    <message>
        <source>body %1 / %2</source>
        <translation>corps %1 / %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The title has %1 characters; %2 accepts at most %3.</source>
        <translation>Le titre compte %1 caractères&#xa0;; %2 en accepte au plus %3.</translation>
    </message>
    <message>
        <source>The body has %1 characters; %2 accepts at most %3.</source>
        <translation>Le corps compte %1 caractères&#xa0;; %2 en accepte au plus %3.</translation>
    </message>
</context>
<context>
    <name>Vigie::StatuspageProber</name>
    <message>
        <source>operational</source>
        <translation>opérationnel</translation>
    </message>
    <message>
        <source>degraded performance</source>
        <translation>performances dégradées</translation>
    </message>
    <message>
        <source>partial outage</source>
        <translation>panne partielle</translation>
    </message>
    <message>
        <source>major outage</source>
        <translation>panne majeure</translation>
    </message>
    <message>
        <source>under maintenance</source>
        <translation>en maintenance</translation>
    </message>
    <message>
        <source>investigating</source>
        <translation>en cours d’analyse</translation>
    </message>
    <message>
        <source>identified</source>
        <translation>cause identifiée</translation>
    </message>
    <message>
        <source>monitoring</source>
        <translation>sous surveillance</translation>
    </message>
    <message>
        <source>%1 is not a Statuspage v2 summary: it has no status indicator</source>
        <translation>%1 n’est pas un résumé Statuspage v2&#xa0;: il n’a pas d’indicateur d’état</translation>
    </message>
    <message>
        <source>the status page %1 has no component %2, nor any other</source>
        <translation>la page d’état %1 n’a pas de composant %2, ni aucun autre</translation>
    </message>
    <message>
        <source>the status page %1 has no component %2; it lists %3</source>
        <translation>la page d’état %1 n’a pas de composant %2&#xa0;; elle liste %3</translation>
    </message>
    <message>
        <source>an unknown status indicator &quot;%1&quot;</source>
        <translation>un indicateur d’état inconnu &quot;%1&quot;</translation>
    </message>
    <message>
        <source>incident &quot;%1&quot; (%2)</source>
        <translation>incident &quot;%1&quot; (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n more incident(s)</source>
        <translation>
            <numerusform>%n autre incident</numerusform>
            <numerusform>%n autres incidents</numerusform>
        </translation>
    </message>
    <message>
        <source>maintenance &quot;%1&quot; in progress</source>
        <translation>maintenance &quot;%1&quot; en cours</translation>
    </message>
    <message>
        <source>maintenance &quot;%1&quot; verifying</source>
        <translation>maintenance &quot;%1&quot; en vérification</translation>
    </message>
    <message>
        <source>Provider reports: %1</source>
        <translation>Le fournisseur signale&#xa0;: %1</translation>
    </message>
    <message>
        <source>the status page %1 announces %2 MiB, more than the 4 MiB a summary may weigh</source>
        <translation>la page d’état %1 annonce %2 MiB, plus que les 4 MiB autorisés pour un résumé</translation>
    </message>
    <message>
        <source>the status page %1 sent more than the 4 MiB a summary may weigh</source>
        <translation>la page d’état %1 a envoyé plus que les 4 MiB autorisés pour un résumé</translation>
    </message>
    <message>
        <source>timed out after %1 s connecting to %2 (TCP or TLS handshake)</source>
        <translation>délai dépassé après %1 s lors de la connexion à %2 (TCP ou négociation TLS)</translation>
    </message>
    <message>
        <source>timed out after %1 s connecting to %2</source>
        <translation>délai dépassé après %1 s lors de la connexion à %2</translation>
    </message>
    <message>
        <source>timed out after %1 s waiting for %2 to answer</source>
        <translation>délai dépassé après %1 s en attendant la réponse de %2</translation>
    </message>
    <message>
        <source>timed out after %1 s reading the status page %2</source>
        <translation>délai dépassé après %1 s lors de la lecture de la page d’état %2</translation>
    </message>
    <message>
        <source>the status page %1 answered HTTP %2, expected 2xx</source>
        <translation>la page d’état %1 a répondu HTTP %2, attendu&#xa0;: 2xx</translation>
    </message>
    <message>
        <source>could not resolve host &apos;%1&apos;</source>
        <translation>impossible de résoudre l’hôte &apos;%1&apos;</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>connexion refusée par %1</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>échec de la négociation TLS avec %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the status page %1 redirects where it may not be followed: %2</source>
        <translation>la page d’état %1 redirige vers une adresse qui ne peut pas être suivie&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 closed the connection without sending a response</source>
        <translation>%1 a fermé la connexion sans envoyer de réponse</translation>
    </message>
    <message>
        <source>fetching the status page %1 failed: %2</source>
        <translation>échec de la récupération de la page d’état %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the status page %1 sent an empty body</source>
        <translation>la page d’état %1 a envoyé un corps vide</translation>
    </message>
    <message>
        <source>the status page %1 did not send JSON (line %2, column %3: %4)</source>
        <translation>la page d’état %1 n’a pas envoyé de JSON (ligne %2, colonne %3&#xa0;: %4)</translation>
    </message>
    <message>
        <source>%1 is not a Statuspage v2 summary: it is not a JSON object</source>
        <translation>%1 n’est pas un résumé Statuspage v2&#xa0;: ce n’est pas un objet JSON</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// URL</source>
        <translation>&apos;%1&apos; n’est pas une URL http:// ou https://</translation>
    </message>
    <message>
        <source>the timeout of the probe of %1 must be positive</source>
        <translation>le délai d’expiration de la sonde de %1 doit être positif</translation>
    </message>
    <message>
        <source>the CA file %1 could not be read or holds no PEM certificate</source>
        <translation>le fichier de CA %1 est illisible ou ne contient aucun certificat PEM</translation>
    </message>
</context>
<context>
    <name>Vigie::StatuspageTarget</name>
    <message>
        <source>the title has %1 characters; Statuspage accepts at most %2</source>
        <translation>le titre compte %1 caractères&#xa0;; Statuspage en accepte au plus %2</translation>
    </message>
    <message>
        <source>update %1 has %2 characters; Statuspage accepts at most %3</source>
        <translation>la mise à jour %1 compte %2 caractères&#xa0;; Statuspage en accepte au plus %3</translation>
    </message>
    <message>
        <source>the notice has no update to publish</source>
        <translation>l’avis n’a aucune mise à jour à publier</translation>
    </message>
    <message>
        <source>the incident %1 is no longer on %2</source>
        <translation>l’incident %1 n’est plus sur %2</translation>
    </message>
    <message>
        <source>the notice has not been published to %1</source>
        <translation>l’avis n’a pas été publié sur %1</translation>
    </message>
    <message>
        <source>the incident is no longer on %1</source>
        <translation>l’incident n’est plus sur %1</translation>
    </message>
</context>
<context>
    <name>Vigie::TcpProber</name>
    <message>
        <source>could not resolve host &apos;%1&apos;</source>
        <translation>impossible de résoudre l’hôte &apos;%1&apos;</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>connexion refusée par %1</translation>
    </message>
    <message>
        <source>could not connect to %1: %2</source>
        <translation>impossible de se connecter à %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>connection closed by %1 before a banner</source>
        <translation>connexion fermée par %1 avant l’envoi d’une bannière</translation>
    </message>
    <message>
        <source>reading the banner from %1 failed: %2</source>
        <translation>échec de la lecture de la bannière de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>banner &quot;%1&quot; does not match %2</source>
        <translation>la bannière &quot;%1&quot; ne correspond pas à %2</translation>
    </message>
    <message>
        <source>timed out after %1 s resolving host &apos;%2&apos;</source>
        <translation>délai dépassé après %1 s lors de la résolution de l’hôte &apos;%2&apos;</translation>
    </message>
    <message>
        <source>timed out after %1 s connecting to %2</source>
        <translation>délai dépassé après %1 s lors de la connexion à %2</translation>
    </message>
    <message>
        <source>no banner within %1 s</source>
        <translation>aucune bannière reçue en %1 s</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host:port target</source>
        <translation>&apos;%1&apos; n’est pas une cible host:port</translation>
    </message>
    <message>
        <source>the banner pattern %1 is not a valid regular expression: %2</source>
        <translation>le motif de bannière %1 n’est pas une expression régulière valide&#xa0;: %2</translation>
    </message>
    <message>
        <source>the timeout of the probe of %1 must be positive</source>
        <translation>le délai d’expiration de la sonde de %1 doit être positif</translation>
    </message>
    <message>
        <source>the connection to %1 failed: %2</source>
        <translation>la connexion à %1 a échoué&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 a fermé la connexion</translation>
    </message>
    <message>
        <source>writing to %1 failed: %2</source>
        <translation>échec de l’écriture vers %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>got a line longer than 64 KiB: &quot;%1&quot;</source>
        <translation>ligne reçue de plus de 64 KiB&#xa0;: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>got &quot;%1&quot;, then %2 closed the connection</source>
        <translation>reçu &quot;%1&quot;, puis %2 a fermé la connexion</translation>
    </message>
    <message>
        <source>%1 closed the connection without replying</source>
        <translation>%1 a fermé la connexion sans répondre</translation>
    </message>
    <message>
        <source>step %1 (send &quot;%2&quot;)</source>
        <translation>étape %1 (envoi de &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>step %1 (expect &quot;%2&quot;)</source>
        <translation>étape %1 (attente de &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>got &quot;%1&quot;, then no matching line within %2 s</source>
        <translation>reçu &quot;%1&quot;, puis aucune ligne correspondante en %2 s</translation>
    </message>
    <message>
        <source>no reply within %1 s</source>
        <translation>aucune réponse en %1 s</translation>
    </message>
    <message>
        <source>step %1: the pattern %2 is not a valid regular expression: %3</source>
        <translation>étape %1&#xa0;: le motif %2 n’est pas une expression régulière valide&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a step, and what went wrong in it</comment>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Vigie::TileDelegate</name>
    <message numerus="yes">
        <source>%n up</source>
        <translation>
            <numerusform>%n opérationnel</numerusform>
            <numerusform>%n opérationnels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n degraded</source>
        <translation>
            <numerusform>%n dégradé</numerusform>
            <numerusform>%n dégradés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n down</source>
        <translation>
            <numerusform>%n en panne</numerusform>
            <numerusform>%n en panne</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without data</source>
        <translation>
            <numerusform>%n sans données</numerusform>
            <numerusform>%n sans données</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for the first result…</source>
        <translation>En attente du premier résultat…</translation>
    </message>
    <message numerus="yes">
        <source>%n in maintenance</source>
        <translation>
            <numerusform>%n en maintenance</numerusform>
            <numerusform>%n en maintenance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n impacted</source>
        <translation>
            <numerusform>%n impacté</numerusform>
            <numerusform>%n impactés</numerusform>
        </translation>
    </message>
    <message>
        <source>TLS not verified</source>
        <translation>TLS non vérifié</translation>
    </message>
    <message>
        <source>TLS not verified: %1</source>
        <translation>TLS non vérifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Périmé</translation>
    </message>
    <message>
        <source>no result %1</source>
        <translation>aucun résultat %1</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>Impacted</source>
        <translation>Impacté</translation>
    </message>
    <message>
        <source>Up</source>
        <comment>the state word on a one-line wall tile: as short as it can be</comment>
        <translation>OK</translation>
    </message>
    <message>
        <source>✓ Acknowledged</source>
        <translation>✓ Acquitté</translation>
    </message>
</context>
<context>
    <name>Vigie::TimeChart</name>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a value and its unit</comment>
        <translation>%1&#xa0;%2</translation>
    </message>
    <message>
        <source>No data in this range</source>
        <translation>Aucune donnée sur cette période</translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <comment>a time span</comment>
        <translation>
            <numerusform>%n&#xa0;jour</numerusform>
            <numerusform>%n&#xa0;jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <comment>a time span, in hours</comment>
        <translation>
            <numerusform>%n&#xa0;h</numerusform>
            <numerusform>%n&#xa0;h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <comment>a time span, in minutes</comment>
        <translation>
            <numerusform>%n&#xa0;min</numerusform>
            <numerusform>%n&#xa0;min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <comment>the lowest and highest values of a chart line</comment>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a chart line&apos;s label and its range</comment>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>aucune donnée</translation>
    </message>
    <message>
        <source>%1 over %2: %3</source>
        <comment>a chart&apos;s title, its time span, what its lines show</comment>
        <translation>%1 sur %2&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>Vigie::TlsProber</name>
    <message>
        <source>could not resolve host &apos;%1&apos;</source>
        <translation>impossible de résoudre l’hôte &apos;%1&apos;</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>connexion refusée par %1</translation>
    </message>
    <message>
        <source>could not connect to %1: %2</source>
        <translation>impossible de se connecter à %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the TLS handshake with %1 failed: %2</source>
        <translation>la négociation TLS avec %1 a échoué&#xa0;: %2</translation>
    </message>
    <message>
        <source>timed out after %1 s resolving host &apos;%2&apos;</source>
        <translation>délai dépassé après %1 s lors de la résolution de l’hôte &apos;%2&apos;</translation>
    </message>
    <message>
        <source>timed out after %1 s connecting to %2</source>
        <translation>délai dépassé après %1 s lors de la connexion à %2</translation>
    </message>
    <message>
        <source>no TLS handshake with %1 within %2 s</source>
        <translation>aucune négociation TLS avec %1 en %2 s</translation>
    </message>
    <message>
        <source>%1 sent no certificate</source>
        <translation>%1 n’a envoyé aucun certificat</translation>
    </message>
    <message numerus="yes">
        <source>expires in %n day(s) (%1), issued by %2</source>
        <translation>
            <numerusform>expire dans %n jour (%1), émis par %2</numerusform>
            <numerusform>expire dans %n jours (%1), émis par %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n day(s) ago (%1), issued by %2</source>
        <translation>
            <numerusform>expiré il y a %n jour (%1), émis par %2</numerusform>
            <numerusform>expiré il y a %n jours (%1), émis par %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chain: earliest in %n day(s)</source>
        <translation>
            <numerusform>chaîne&#xa0;: première expiration dans %n jour</numerusform>
            <numerusform>chaîne&#xa0;: première expiration dans %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chain: earliest %n day(s) ago</source>
        <translation>
            <numerusform>chaîne&#xa0;: première expiration il y a %n jour</numerusform>
            <numerusform>chaîne&#xa0;: première expiration il y a %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chain: earliest in %n day(s) (%1)</source>
        <translation>
            <numerusform>chaîne&#xa0;: première expiration dans %n jour (%1)</numerusform>
            <numerusform>chaîne&#xa0;: première expiration dans %n jours (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chain: earliest %n day(s) ago (%1)</source>
        <translation>
            <numerusform>chaîne&#xa0;: première expiration il y a %n jour (%1)</numerusform>
            <numerusform>chaîne&#xa0;: première expiration il y a %n jours (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>certificate for &quot;%1&quot; is not trusted: %2</source>
        <translation>le certificat pour &quot;%1&quot; n’est pas approuvé&#xa0;: %2</translation>
    </message>
    <message>
        <source>certificate for &quot;%1&quot; does not match &quot;%2&quot;</source>
        <translation>le certificat pour &quot;%1&quot; ne correspond pas à &quot;%2&quot;</translation>
    </message>
    <message>
        <source>certificate &quot;%1&quot; is not valid before %2</source>
        <translation>le certificat &quot;%1&quot; n’est pas valide avant %2</translation>
    </message>
    <message numerus="yes">
        <source>certificate &quot;%1&quot; expired %n day(s) ago (%2)</source>
        <translation>
            <numerusform>le certificat &quot;%1&quot; a expiré il y a %n jour (%2)</numerusform>
            <numerusform>le certificat &quot;%1&quot; a expiré il y a %n jours (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>certificate &quot;%1&quot; expires in %n day(s) (critical below %2)</source>
        <translation>
            <numerusform>le certificat &quot;%1&quot; expire dans %n jour (seuil critique&#xa0;: %2 j)</numerusform>
            <numerusform>le certificat &quot;%1&quot; expire dans %n jours (seuil critique&#xa0;: %2 j)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>certificate &quot;%1&quot; expires in %n day(s) (warning below %2)</source>
        <translation>
            <numerusform>le certificat &quot;%1&quot; expire dans %n jour (seuil d’avertissement&#xa0;: %2 j)</numerusform>
            <numerusform>le certificat &quot;%1&quot; expire dans %n jours (seuil d’avertissement&#xa0;: %2 j)</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host:port target</source>
        <translation>&apos;%1&apos; n’est pas une cible host:port</translation>
    </message>
    <message>
        <source>the timeout of the probe of %1 must be positive</source>
        <translation>le délai d’expiration de la sonde de %1 doit être positif</translation>
    </message>
    <message>
        <source>no CA certificate could be read from %1 (a PEM file is expected)</source>
        <translation>aucun certificat de CA n’a pu être lu depuis %1 (un fichier PEM est attendu)</translation>
    </message>
</context>
<context>
    <name>Vigie::TrayController</name>
    <message>
        <source>&amp;Show Vigie</source>
        <translation>&amp;Afficher Vigie</translation>
    </message>
    <message>
        <source>&amp;Mute All Alerts for 1 Hour</source>
        <translation>&amp;Mettre toutes les alertes en sourdine pendant 1&#xa0;heure</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Vigie: no service to watch</source>
        <translation>Vigie&#xa0;: aucun service à surveiller</translation>
    </message>
    <message>
        <source>Vigie: %1</source>
        <translation>Vigie&#xa0;: %1</translation>
    </message>
    <message>
        <source>No service to watch</source>
        <translation>Aucun service à surveiller</translation>
    </message>
    <message>
        <source>&amp;Unmute Alerts</source>
        <translation>&amp;Rétablir les alertes</translation>
    </message>
    <message>
        <source>Alerts muted until %1</source>
        <translation>Alertes en sourdine jusqu’à %1</translation>
    </message>
    <message>
        <source>Alerts muted</source>
        <translation>Alertes en sourdine</translation>
    </message>
    <message>
        <source>&amp;Unmute Alerts (Muted Until %1)</source>
        <translation>&amp;Rétablir les alertes (en sourdine jusqu’à %1)</translation>
    </message>
</context>
<context>
    <name>Vigie::ValidateCommand</name>
    <message numerus="yes">
        <source>%n error(s) in %1.</source>
        <translation>
            <numerusform>%n erreur dans %1.</numerusform>
            <numerusform>%n erreurs dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is valid: %2, %3.</source>
        <translation>%1 est valide&#xa0;: %2, %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n probe(s)</source>
        <translation>
            <numerusform>%n sonde</numerusform>
            <numerusform>%n sondes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::WallView</name>
    <message>
        <source>Wall display</source>
        <translation>Affichage mural</translation>
    </message>
    <message>
        <source>Current alarms</source>
        <translation>Alarmes en cours</translation>
    </message>
    <message>
        <source>No alarm</source>
        <translation>Aucune alarme</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Aucun espace de travail n’est ouvert.</translation>
    </message>
    <message>
        <source>%1 could not be reloaded (%2): the wall shows the workspace as it was.</source>
        <translation>%1 n’a pas pu être rechargé (%2)&#xa0;: le mur montre l’espace de travail tel qu’il était.</translation>
    </message>
    <message>
        <source>Results are not kept: %1</source>
        <translation>Les résultats ne sont pas conservés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Secrets missing from the keychain: %1</source>
        <translation>Secrets absents du trousseau&#xa0;: %1</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>Aucun résultat pour l’instant</translation>
    </message>
    <message numerus="yes">
        <source>Updated %n s ago</source>
        <translation>
            <numerusform>Mis à jour il y a %n&#xa0;s</numerusform>
            <numerusform>Mis à jour il y a %n&#xa0;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated %n min ago</source>
        <translation>
            <numerusform>Mis à jour il y a %n&#xa0;min</numerusform>
            <numerusform>Mis à jour il y a %n&#xa0;min</numerusform>
        </translation>
    </message>
    <message>
        <source>Updated at %1</source>
        <translation>Mis à jour à %1</translation>
    </message>
    <message>
        <source>Not live — %1</source>
        <translation>Pas en direct — %1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more alarm(s)</source>
        <translation>
            <numerusform>et %n autre alarme</numerusform>
            <numerusform>et %n autres alarmes</numerusform>
        </translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
    <message>
        <source>Service board</source>
        <translation>Tableau des services</translation>
    </message>
</context>
<context>
    <name>Vigie::WallWindow</name>
    <message>
        <source>Vigie wall display</source>
        <translation>Vigie, affichage mural</translation>
    </message>
    <message>
        <source>A wall display is shown</source>
        <translation>Un affichage mural est affiché</translation>
    </message>
</context>
<context>
    <name>Vigie::WatchCommand</name>
    <message>
        <source>%1 probe %2</source>
        <translation>%1, sonde %2</translation>
    </message>
    <message>
        <source>%1 probe %2 (%3)</source>
        <translation>%1, sonde %2 (%3)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 (during maintenance)</source>
        <translation>%1 (pendant une maintenance)</translation>
    </message>
    <message>
        <source>maintenance began</source>
        <translation>début de maintenance</translation>
    </message>
    <message>
        <source>maintenance ended</source>
        <translation>fin de maintenance</translation>
    </message>
    <message>
        <source>impacted by %1</source>
        <translation>impacté par %1</translation>
    </message>
    <message>
        <source>no longer impacted by %1</source>
        <translation>plus impacté par %1</translation>
    </message>
    <message>
        <source>warning: %1
The probes that need a secret will fail until the keychain can be read.</source>
        <translation>avertissement&#xa0;: %1
Les sondes qui ont besoin d’un secret échoueront tant que le trousseau ne pourra pas être lu.</translation>
    </message>
    <message>
        <source>warning: the secret &quot;%1&quot; is not in the keychain: the probes that use it will fail until you add it with: vigie secret set %1</source>
        <translation>avertissement&#xa0;: le secret &quot;%1&quot; n’est pas dans le trousseau&#xa0;: les sondes qui l’utilisent échoueront tant que vous ne l’aurez pas ajouté avec&#xa0;: vigie secret set %1</translation>
    </message>
    <message>
        <source>vigie: the history database in %1 could not be opened: %2</source>
        <translation>vigie&#xa0;: impossible d’ouvrir la base d’historique dans %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>avertissement&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>Watching %n probe(s) of &quot;%1&quot;; history in %2. Stop with Ctrl+C.</source>
        <translation>
            <numerusform>Surveillance de %n sonde de &quot;%1&quot;&#xa0;; historique dans %2. Arrêtez avec Ctrl+C.</numerusform>
            <numerusform>Surveillance de %n sondes de &quot;%1&quot;&#xa0;; historique dans %2. Arrêtez avec Ctrl+C.</numerusform>
        </translation>
    </message>
    <message>
        <source>vigie: the history could not be written to %1: %2</source>
        <translation>vigie&#xa0;: impossible d’écrire l’historique dans %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the database refused the last results.</source>
        <translation>la base de données a refusé les derniers résultats.</translation>
    </message>
    <message>
        <source>Stored %1 and %2 in %3.</source>
        <translation>%1 et %2 enregistrés dans %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n événement</numerusform>
            <numerusform>%n événements</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, impacted by %2</source>
        <translation>%1, impacté par %2</translation>
    </message>
    <message>
        <source>Stopping: storing the last results (Ctrl+C again quits at once).</source>
        <translation>Arrêt&#xa0;: enregistrement des derniers résultats (Ctrl+C à nouveau pour quitter aussitôt).</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acquitté</translation>
    </message>
    <message>
        <source>alert: %1</source>
        <translation>alerte&#xa0;: %1</translation>
    </message>
    <message>
        <source>warning: alert channel %1 gave up: %2</source>
        <translation>avertissement&#xa0;: le canal d’alerte %1 a abandonné&#xa0;: %2</translation>
    </message>
    <message>
        <source>warning: alert channel %1 failed, retrying: %2</source>
        <translation>avertissement&#xa0;: le canal d’alerte %1 a échoué, nouvel essai&#xa0;: %2</translation>
    </message>
    <message>
        <source>warning: alerts: %1</source>
        <translation>avertissement&#xa0;: alertes&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Vigie::WebDavTarget</name>
    <message>
        <source>the notice has not been saved yet (it has no id)</source>
        <translation>l’avis n’a pas encore été enregistré (il n’a pas d’id)</translation>
    </message>
    <message>
        <source>the status site&apos;s WebDAV address &quot;%1&quot; is not an http:// or https:// URL</source>
        <translation>l’adresse WebDAV &quot;%1&quot; du site de statut n’est pas une URL http:// ou https://</translation>
    </message>
    <message>
        <source>the secret &quot;%1&quot; is not in the keychain; add it with: vigie secret set %1</source>
        <translation>le secret &quot;%1&quot; n’est pas dans le trousseau&#xa0;; ajoutez-le avec&#xa0;: vigie secret set %1</translation>
    </message>
    <message>
        <source>the keychain could not be read: %1</source>
        <translation>le trousseau n’a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>the server redirects to %1, another origin; Vigie does not send credentials there</source>
        <translation>le serveur redirige vers %1, une autre origine&#xa0;; Vigie n’y envoie pas d’identifiants</translation>
    </message>
    <message>
        <source>no answer %1 s after the request was sent</source>
        <translation>pas de réponse %1&#xa0;s après l’envoi de la requête</translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation>délai dépassé après %1&#xa0;s</translation>
    </message>
    <message>
        <source>the server refused the credentials (HTTP %1)</source>
        <translation>le serveur a refusé les identifiants (HTTP %1)</translation>
    </message>
    <message>
        <source>the server answered HTTP %1: %2</source>
        <translation>le serveur a répondu HTTP %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the TLS handshake failed: %1</source>
        <translation>échec de la négociation TLS&#xa0;: %1</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>injoignable&#xa0;: %1</translation>
    </message>
    <message>
        <source>the connection broke after the request was sent: %1</source>
        <translation>la connexion s’est rompue après l’envoi de la requête&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 on the status site is not a manifest Vigie wrote; remove it to publish the whole site again</source>
        <translation>%1 sur le site de statut n’est pas un manifeste écrit par Vigie&#xa0;; supprimez-le pour publier de nouveau tout le site</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 does not list the notice %2</source>
        <translation>%1 ne répertorie pas l’avis %2</translation>
    </message>
</context>
<context>
    <name>Vigie::WebhookChannel</name>
    <message>
        <source>“%1” is not an http or https address</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse http ou https</translation>
    </message>
    <message>
        <source>the TLS connection to %1 failed (%2)</source>
        <translation>la connexion TLS à %1 a échoué (%2)</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s (%3)</source>
        <translation>pas de réponse de %1 en %2&#xa0;s (%3)</translation>
    </message>
    <message>
        <source>%1 could not be reached (%2)</source>
        <translation>%1 est injoignable (%2)</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 a répondu HTTP %2</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation>%1 a répondu HTTP %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2, a redirect to %3 (not followed: the workspace should name the final address)</source>
        <translation>%1 a répondu HTTP %2, une redirection vers %3 (non suivie&#xa0;: l’espace de travail doit indiquer l’adresse finale)</translation>
    </message>
</context>
<context>
    <name>Vigie::WorkspaceLoader</name>
    <message>
        <source>the file is %1 MiB; a workspace file can be at most %2 MiB</source>
        <translation>le fichier fait %1 MiB&#xa0;; un fichier d’espace de travail ne peut pas dépasser %2 MiB</translation>
    </message>
    <message>
        <source>a mapping</source>
        <translation>un dictionnaire</translation>
    </message>
    <message>
        <source>a sequence</source>
        <translation>une liste</translation>
    </message>
    <message>
        <source>the value &apos;%1&apos;</source>
        <translation>la valeur &apos;%1&apos;</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>invalid YAML: a tab in the indentation; YAML indents with spaces only</source>
        <translation>YAML invalide&#xa0;: tabulation dans l’indentation&#xa0;; en YAML, on indente uniquement avec des espaces</translation>
    </message>
    <message>
        <source>invalid YAML: this &apos;[&apos; is not closed by a matching &apos;]&apos;</source>
        <translation>YAML invalide&#xa0;: ce &apos;[&apos; n’est pas fermé par un &apos;]&apos; correspondant</translation>
    </message>
    <message>
        <source>invalid YAML: this &apos;{&apos; is not closed by a matching &apos;}&apos;</source>
        <translation>YAML invalide&#xa0;: ce &apos;{&apos; n’est pas fermé par un &apos;}&apos; correspondant</translation>
    </message>
    <message>
        <source>a &apos;:&apos; where none can be; a value that contains &apos;: &apos; must be quoted</source>
        <translation>un &apos;:&apos; à un endroit où il ne peut pas y en avoir&#xa0;; une valeur qui contient &apos;: &apos; doit être entre guillemets</translation>
    </message>
    <message>
        <source>a &apos;[&apos; is not closed by a matching &apos;]&apos;</source>
        <translation>un &apos;[&apos; n’est pas fermé par un &apos;]&apos; correspondant</translation>
    </message>
    <message>
        <source>a &apos;{&apos; is not closed by a matching &apos;}&apos;</source>
        <translation>un &apos;{&apos; n’est pas fermé par un &apos;}&apos; correspondant</translation>
    </message>
    <message>
        <source>this &apos;]&apos; or &apos;}&apos; closes nothing</source>
        <translation>ce &apos;]&apos; ou &apos;}&apos; ne ferme rien</translation>
    </message>
    <message>
        <source>a tab in the indentation; YAML indents with spaces only</source>
        <translation>tabulation dans l’indentation&#xa0;; en YAML, on indente uniquement avec des espaces</translation>
    </message>
    <message>
        <source>this does not fit the structure above it (%1); check the indentation, and quote a value that starts with [, {, *, &amp; or !</source>
        <translation>ceci ne s’accorde pas avec la structure au-dessus (%1)&#xa0;; vérifiez l’indentation, et mettez entre guillemets toute valeur qui commence par [, {, *, &amp; ou !</translation>
    </message>
    <message>
        <source>a quoted value is not closed before the end of the file</source>
        <translation>une valeur entre guillemets n’est pas fermée avant la fin du fichier</translation>
    </message>
    <message>
        <source>invalid YAML: %1</source>
        <translation>YAML invalide&#xa0;: %1</translation>
    </message>
    <message>
        <source>control character U+%1 is not allowed in a workspace file; is this a binary file?</source>
        <translation>le caractère de contrôle U+%1 n’est pas autorisé dans un fichier d’espace de travail&#xa0;; s’agit-il d’un fichier binaire&#xa0;?</translation>
    </message>
    <message>
        <source>this is not UTF-8 text (byte 0x%1); save the file as UTF-8</source>
        <translation>ce n’est pas du texte UTF-8 (octet 0x%1)&#xa0;; enregistrez le fichier en UTF-8</translation>
    </message>
    <message>
        <source>the document is nested more than %1 levels deep here; a workspace needs only a few levels</source>
        <translation>le document dépasse ici %1 niveaux d’imbrication&#xa0;; un espace de travail n’en demande que quelques-uns</translation>
    </message>
    <message>
        <source>the document names more than %1 values, through aliases (*name); write the workspace out without so many aliases</source>
        <translation>le document désigne plus de %1 valeurs via des alias (*name)&#xa0;; réécrivez l’espace de travail sans autant d’alias</translation>
    </message>
    <message>
        <source>a mapping (key: value lines)</source>
        <translation>un dictionnaire (lignes clé: valeur)</translation>
    </message>
    <message>
        <source>a sequence (a list of &apos;- &apos; items)</source>
        <translation>une liste (éléments précédés de &apos;- &apos;)</translation>
    </message>
    <message>
        <source>a single value</source>
        <translation>une valeur simple</translation>
    </message>
    <message>
        <source>%1 should be %2, found %3</source>
        <translation>%1 devrait être %2, trouvé&#xa0;: %3</translation>
    </message>
    <message>
        <source>a key should be a single word such as &apos;name&apos;, found %1</source>
        <translation>une clé devrait être un mot unique comme &apos;name&apos;, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>duplicate key &apos;%1&apos; (first defined at %2)</source>
        <translation>clé &apos;%1&apos; en double (déjà définie à %2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; should not be empty</source>
        <translation>&apos;%1&apos; ne doit pas être vide</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a duration; expected a number and a unit: ms, s, m, h, d (for example 30s or 1m30s)</source>
        <translation>&apos;%1&apos; n’est pas une durée&#xa0;; attendu&#xa0;: un nombre et une unité parmi ms, s, m, h, d (par exemple 30s ou 1m30s)</translation>
    </message>
    <message>
        <source>%1 should be longer than zero, found %2</source>
        <translation>%1 doit être une durée non nulle, trouvé&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 can be at most %2, found %3</source>
        <translation>%1 ne peut pas dépasser %2, trouvé&#xa0;: %3</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos;; did you mean &apos;%2&apos;?</source>
        <translation>clé inconnue &apos;%1&apos;&#xa0;; vouliez-vous dire &apos;%2&apos;&#xa0;?</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos;; %2 accepts: %3</source>
        <translation>clé inconnue &apos;%1&apos;&#xa0;; clés acceptées par %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>the top of a workspace file</source>
        <translation>la racine d’un fichier d’espace de travail</translation>
    </message>
    <message>
        <source>&apos;services&apos;</source>
        <translation>&apos;services&apos;</translation>
    </message>
    <message>
        <source>&apos;services&apos; is empty; add at least one service</source>
        <translation>&apos;services&apos; est vide&#xa0;; ajoutez au moins un service</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>le niveau racine</translation>
    </message>
    <message>
        <source>the workspace has no &apos;name&apos;; add one, for example: name: ACME production</source>
        <translation>l’espace de travail n’a pas de clé &apos;name&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: name: ACME production</translation>
    </message>
    <message>
        <source>the workspace has no &apos;services&apos;; add a sequence of services, each with an id and probes</source>
        <translation>l’espace de travail n’a pas de clé &apos;services&apos;&#xa0;; ajoutez une liste de services, chacun avec ses clés id et probes</translation>
    </message>
    <message>
        <source>each item of &apos;services&apos;</source>
        <translation>chaque élément de &apos;services&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid service id; use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit</source>
        <translation>&apos;%1&apos; n’est pas un id de service valide&#xa0;; utilisez des lettres minuscules, des chiffres, &apos;-&apos; et &apos;_&apos;, en commençant par une lettre ou un chiffre</translation>
    </message>
    <message>
        <source>duplicate service id &apos;%1&apos; (first defined at %2)</source>
        <translation>id de service &apos;%1&apos; en double (déjà défini à %2)</translation>
    </message>
    <message>
        <source>&apos;probes&apos;</source>
        <translation>&apos;probes&apos;</translation>
    </message>
    <message>
        <source>a service</source>
        <translation>un service</translation>
    </message>
    <message>
        <source>this service has no &apos;id&apos;; add one, for example: id: portal</source>
        <translation>ce service n’a pas de clé &apos;id&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: id: portal</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>each item of &apos;probes&apos;</source>
        <translation>chaque élément de &apos;probes&apos;</translation>
    </message>
    <message>
        <source>a probe has exactly one target; this one already has &apos;%1&apos; at %2</source>
        <translation>une sonde a exactement une cible&#xa0;; celle-ci a déjà &apos;%1&apos; à %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http target; expected a URL that starts with http:// or https:// and names a host</source>
        <translation>&apos;%1&apos; n’est pas une cible http&#xa0;; attendu&#xa0;: une URL qui commence par http:// ou https:// et indique un hôte</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a tcp target; expected HOST:PORT with a port from 1 to 65535, for example mail.example.org:25 (an IPv6 address goes in brackets and quotes: &quot;[::1]:25&quot;)</source>
        <translation>&apos;%1&apos; n’est pas une cible tcp&#xa0;; attendu&#xa0;: HOST:PORT avec un port de 1 à 65535, par exemple mail.example.org:25 (une adresse IPv6 se met entre crochets et entre guillemets&#xa0;: &quot;[::1]:25&quot;)</translation>
    </message>
    <message>
        <source>&apos;expect&apos;</source>
        <translation>&apos;expect&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid max_body; expected a size from 1 byte to 64MiB, in bytes or with a unit: B, KB, MB, KiB, MiB (for example 512KiB)</source>
        <translation>&apos;%1&apos; n’est pas une valeur valide pour max_body&#xa0;; attendu&#xa0;: une taille de 1 octet à 64MiB, en octets ou avec une unité parmi B, KB, MB, KiB, MiB (par exemple 512KiB)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid regular expression: %2 (at character %3 of the pattern)</source>
        <translation>&apos;%1&apos; n’est pas une expression régulière valide&#xa0;: %2 (au caractère %3 du motif)</translation>
    </message>
    <message>
        <source>a probe</source>
        <translation>une sonde</translation>
    </message>
    <message>
        <source>timeout %1 is longer than interval %2; a probe must finish before the next one starts</source>
        <translation>timeout %1 est supérieur à interval %2&#xa0;; une sonde doit se terminer avant le démarrage de la suivante</translation>
    </message>
    <message>
        <source>timeout %1 is longer than the default interval %2; a probe must finish before the next one starts</source>
        <translation>timeout %1 est supérieur à l’intervalle par défaut %2&#xa0;; une sonde doit se terminer avant le démarrage de la suivante</translation>
    </message>
    <message>
        <source>max_latency %1 is longer than the timeout %2; the probe would time out before it could be called slow</source>
        <translation>max_latency %1 est supérieur au timeout %2&#xa0;; la sonde expirerait avant de pouvoir être jugée lente</translation>
    </message>
    <message>
        <source>&apos;status&apos;</source>
        <translation>&apos;status&apos;</translation>
    </message>
    <message>
        <source>&apos;status&apos; is empty; give at least one status, for example 200</source>
        <translation>&apos;status&apos; est vide&#xa0;; indiquez au moins un code de statut, par exemple 200</translation>
    </message>
    <message>
        <source>&apos;status&apos; should be a status or a sequence of them, found %1</source>
        <translation>&apos;status&apos; devrait être un code de statut ou une liste de codes, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 is not an HTTP status; expected a code from 100 to 599 (200), a class (2xx) or a range (200-299)</source>
        <translation>%1 n’est pas un code de statut HTTP&#xa0;; attendu&#xa0;: un code de 100 à 599 (200), une classe (2xx) ou une plage (200-299)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more problem(s) from here on, not shown</source>
        <translation>
            <numerusform>et %n autre problème à partir d’ici, non affiché</numerusform>
            <numerusform>et %n autres problèmes à partir d’ici, non affichés</numerusform>
        </translation>
    </message>
    <message>
        <source>invalid YAML: unexpected &apos;%1&apos; here</source>
        <translation>YAML invalide&#xa0;: &apos;%1&apos; inattendu ici</translation>
    </message>
    <message>
        <source>invalid YAML: unexpected end of the file</source>
        <translation>YAML invalide&#xa0;: fin de fichier inattendue</translation>
    </message>
    <message>
        <source>the workspace file is empty; expected a mapping with &apos;name&apos; and &apos;services&apos;</source>
        <translation>le fichier d’espace de travail est vide&#xa0;; attendu&#xa0;: un dictionnaire avec &apos;name&apos; et &apos;services&apos;</translation>
    </message>
    <message>
        <source>a workspace file holds one YAML document; a second one starts here</source>
        <translation>un fichier d’espace de travail contient un seul document YAML&#xa0;; un deuxième commence ici</translation>
    </message>
    <message>
        <source>could not read the YAML document: %1</source>
        <translation>impossible de lire le document YAML&#xa0;: %1</translation>
    </message>
    <message>
        <source>cannot read the workspace file: it is a directory</source>
        <translation>impossible de lire le fichier d’espace de travail&#xa0;: c’est un dossier</translation>
    </message>
    <message>
        <source>cannot read the workspace file: %1</source>
        <translation>impossible de lire le fichier d’espace de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>could not read the workspace: %1</source>
        <translation>impossible de lire l’espace de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 should be a whole number from %2 to %3, found &apos;%4&apos;</source>
        <translation>%1 devrait être un nombre entier de %2 à %3, trouvé&#xa0;: &apos;%4&apos;</translation>
    </message>
    <message>
        <source>%1 should be a name or a sequence of names, found %2</source>
        <translation>%1 devrait être un nom ou une liste de noms, trouvé&#xa0;: %2</translation>
    </message>
    <message>
        <source>each item of %1</source>
        <translation>chaque élément de %1</translation>
    </message>
    <message>
        <source>an empty name in %1</source>
        <translation>un nom vide dans %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is already listed in %2 at %3</source>
        <translation>&apos;%1&apos; figure déjà dans %2 à %3</translation>
    </message>
    <message>
        <source>%1; did you mean &apos;%2&apos;?</source>
        <translation>%1&#xa0;; vouliez-vous dire &apos;%2&apos;&#xa0;?</translation>
    </message>
    <message>
        <source>an http probe</source>
        <translation>une sonde http</translation>
    </message>
    <message>
        <source>a tcp probe</source>
        <translation>une sonde tcp</translation>
    </message>
    <message>
        <source>a tls probe</source>
        <translation>une sonde tls</translation>
    </message>
    <message>
        <source>a dns probe</source>
        <translation>une sonde dns</translation>
    </message>
    <message>
        <source>a statuspage probe</source>
        <translation>une sonde statuspage</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 et %2</translation>
    </message>
    <message>
        <source>&apos;maintenance&apos;</source>
        <translation>&apos;maintenance&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; applies to %2 probes only; this is %3</source>
        <translation>&apos;%1&apos; ne s’applique qu’aux sondes %2&#xa0;; celle-ci est %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an HTTP method Vigie sends; expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS</source>
        <translation>&apos;%1&apos; n’est pas une méthode HTTP envoyée par Vigie&#xa0;; attendu&#xa0;: GET, HEAD, POST, PUT, PATCH, DELETE ou OPTIONS</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an HTTP version; expected 1.1, 2 or 3</source>
        <translation>&apos;%1&apos; n’est pas une version HTTP&#xa0;; attendu&#xa0;: 1.1, 2 ou 3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name; server_name is the name the certificate must hold, for example portal.example.org</source>
        <translation>&apos;%1&apos; n’est pas un nom d’hôte&#xa0;; server_name est le nom que le certificat doit porter, par exemple portal.example.org</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a DNS record type Vigie asks for; expected A, AAAA, CNAME, MX, TXT, NS or SRV</source>
        <translation>&apos;%1&apos; n’est pas un type d’enregistrement DNS demandé par Vigie&#xa0;; attendu&#xa0;: A, AAAA, CNAME, MX, TXT, NS ou SRV</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a DNS server address; expected an IP address, optionally with a port: 192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or &quot;[2001:db8::53]:53&quot;</source>
        <translation>&apos;%1&apos; n’est pas une adresse de serveur DNS&#xa0;; attendu&#xa0;: une adresse IP, éventuellement avec un port&#xa0;: 192.0.2.53, 192.0.2.53:5353, 2001:db8::53 ou &quot;[2001:db8::53]:53&quot;</translation>
    </message>
    <message>
        <source>critical_days %1 should be below warn_days %2: a certificate near its expiry is first degraded, then down</source>
        <translation>critical_days %1 devrait être inférieur à warn_days %2&#xa0;: un certificat proche de son expiration passe d’abord à l’état dégradé, puis en panne</translation>
    </message>
    <message>
        <source>warn_days %1 should be above critical_days, which is %2 by default; raise warn_days or set critical_days lower</source>
        <translation>warn_days %1 devrait être supérieur à critical_days, qui vaut %2 par défaut&#xa0;; augmentez warn_days ou réduisez critical_days</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a statuspage target; expected the address of the provider&apos;s status page, a URL that starts with http:// or https://, for example https://www.githubstatus.com</source>
        <translation>&apos;%1&apos; n’est pas une cible statuspage&#xa0;; attendu&#xa0;: l’adresse de la page d’état du fournisseur, une URL qui commence par http:// ou https://, par exemple https://www.githubstatus.com</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a tls target; expected HOST:PORT with a port from 1 to 65535, for example portal.example.org:443 (an IPv6 address goes in brackets and quotes: &quot;[::1]:443&quot;)</source>
        <translation>&apos;%1&apos; n’est pas une cible tls&#xa0;; attendu&#xa0;: HOST:PORT avec un port de 1 à 65535, par exemple portal.example.org:443 (une adresse IPv6 se met entre crochets et entre guillemets&#xa0;: &quot;[::1]:443&quot;)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a dns target; expected a host name to look up, for example www.example.org</source>
        <translation>&apos;%1&apos; n’est pas une cible dns&#xa0;; attendu&#xa0;: un nom d’hôte à résoudre, par exemple www.example.org</translation>
    </message>
    <message>
        <source>&apos;conditions&apos;</source>
        <translation>&apos;conditions&apos;</translation>
    </message>
    <message>
        <source>a condition</source>
        <translation>une condition</translation>
    </message>
    <message>
        <source>an empty condition; write it as text, or as warn: text for one that only degrades</source>
        <translation>une condition vide&#xa0;; écrivez-la sous forme de texte, ou sous la forme warn: texte pour une condition qui ne fait que dégrader</translation>
    </message>
    <message>
        <source>each item of &apos;conditions&apos; should be a condition such as &apos;[STATUS] == 200&apos;, or warn: and a condition, found %1</source>
        <translation>chaque élément de &apos;conditions&apos; devrait être une condition comme &apos;[STATUS] == 200&apos;, ou warn: suivi d’une condition, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>&apos;warn&apos;</source>
        <translation>&apos;warn&apos;</translation>
    </message>
    <message>
        <source>an empty condition; write one such as [STATUS] == 200</source>
        <translation>une condition vide&#xa0;; écrivez-en une comme [STATUS] == 200</translation>
    </message>
    <message>
        <source>invalid condition &apos;%1&apos;: %2</source>
        <translation>condition &apos;%1&apos; invalide&#xa0;: %2</translation>
    </message>
    <message>
        <source>&apos;headers&apos;</source>
        <translation>&apos;headers&apos;</translation>
    </message>
    <message>
        <source>an Authorization header would keep a secret in the workspace file; use &apos;auth&apos; instead, with the name of a secret stored in the system keychain</source>
        <translation>un en-tête Authorization conserverait un secret dans le fichier d’espace de travail&#xa0;; utilisez plutôt &apos;auth&apos;, avec le nom d’un secret enregistré dans le trousseau système</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid header name; use letters, digits and &apos;-&apos;, for example X-Request-Id</source>
        <translation>&apos;%1&apos; n’est pas un nom d’en-tête valide&#xa0;; utilisez des lettres, des chiffres et &apos;-&apos;, par exemple X-Request-Id</translation>
    </message>
    <message>
        <source>the value of header &apos;%1&apos; holds a line break; a header value is a single line</source>
        <translation>la valeur de l’en-tête &apos;%1&apos; contient un saut de ligne&#xa0;; une valeur d’en-tête tient sur une seule ligne</translation>
    </message>
    <message>
        <source>&apos;auth&apos;</source>
        <translation>&apos;auth&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an authentication type; expected basic or bearer</source>
        <translation>&apos;%1&apos; n’est pas un type d’authentification&#xa0;; attendu&#xa0;: basic ou bearer</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a secret name; &apos;secret&apos; names a secret stored in the system keychain, with letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (for example portal-api-token), and never holds the secret itself</source>
        <translation>&apos;%1&apos; n’est pas un nom de secret&#xa0;; &apos;secret&apos; désigne un secret enregistré dans le trousseau système, avec des lettres, des chiffres, &apos;.&apos;, &apos;_&apos; et &apos;-&apos; (par exemple portal-api-token), et ne contient jamais le secret lui-même</translation>
    </message>
    <message>
        <source>&apos;%1&apos; would keep a secret in the workspace file; store it in the system keychain and give its name with &apos;secret&apos;</source>
        <translation>&apos;%1&apos; conserverait un secret dans le fichier d’espace de travail&#xa0;; enregistrez-le dans le trousseau système et indiquez son nom avec &apos;secret&apos;</translation>
    </message>
    <message>
        <source>&apos;auth&apos; has no &apos;type&apos;; add type: basic or type: bearer</source>
        <translation>&apos;auth&apos; n’a pas de clé &apos;type&apos;&#xa0;; ajoutez type: basic ou type: bearer</translation>
    </message>
    <message>
        <source>&apos;auth&apos; has no &apos;secret&apos;; name the secret stored in the system keychain, for example secret: portal-password</source>
        <translation>&apos;auth&apos; n’a pas de clé &apos;secret&apos;&#xa0;; indiquez le nom du secret enregistré dans le trousseau système, par exemple secret: portal-password</translation>
    </message>
    <message>
        <source>basic authentication needs a &apos;username&apos;</source>
        <translation>l’authentification basic nécessite une clé &apos;username&apos;</translation>
    </message>
    <message>
        <source>a bearer token goes without a username; remove &apos;username&apos;, or use type: basic</source>
        <translation>un jeton bearer s’utilise sans nom d’utilisateur&#xa0;; supprimez &apos;username&apos;, ou utilisez type: basic</translation>
    </message>
    <message>
        <source>&apos;steps&apos;</source>
        <translation>&apos;steps&apos;</translation>
    </message>
    <message>
        <source>&apos;steps&apos; is empty; add send: and expect: steps, or remove it</source>
        <translation>&apos;steps&apos; est vide&#xa0;; ajoutez des étapes send: et expect:, ou supprimez la clé</translation>
    </message>
    <message>
        <source>each item of &apos;steps&apos;</source>
        <translation>chaque élément de &apos;steps&apos;</translation>
    </message>
    <message>
        <source>an empty step; write send: TEXT or expect: PATTERN</source>
        <translation>une étape vide&#xa0;; écrivez send: TEXTE ou expect: MOTIF</translation>
    </message>
    <message>
        <source>a step does one thing, send: or expect:; start a new item with &apos;- &apos; for this &apos;%1&apos;</source>
        <translation>une étape fait une seule chose, send: ou expect:&#xa0;; commencez un nouvel élément par &apos;- &apos; pour ce &apos;%1&apos;</translation>
    </message>
    <message>
        <source>a step</source>
        <translation>une étape</translation>
    </message>
    <message>
        <source>the CA file %1 does not exist (ca_file is read relative to the workspace file&apos;s folder)</source>
        <translation>le fichier de CA %1 n’existe pas (ca_file est lu relativement au dossier du fichier d’espace de travail)</translation>
    </message>
    <message>
        <source>the CA file %1 is not a file</source>
        <translation>le fichier de CA %1 n’est pas un fichier</translation>
    </message>
    <message>
        <source>the CA file %1 cannot be read: permission denied</source>
        <translation>le fichier de CA %1 ne peut pas être lu&#xa0;: permission refusée</translation>
    </message>
    <message>
        <source>&apos;insecure&apos; turns TLS verification off and takes the reason, which the tile shows; write it, for example insecure: &quot;self-signed certificate of the lab&quot;, or remove the key to keep verification on</source>
        <translation>&apos;insecure&apos; désactive la vérification TLS et prend pour valeur la raison, que la tuile affiche&#xa0;; écrivez-la, par exemple insecure: &quot;certificat auto-signé du labo&quot;, ou supprimez la clé pour garder la vérification active</translation>
    </message>
    <message>
        <source>each item of &apos;maintenance&apos;</source>
        <translation>chaque élément de &apos;maintenance&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time zone this system knows; expected an IANA id such as Europe/Paris or UTC</source>
        <translation>&apos;%1&apos; n’est pas un fuseau horaire connu de ce système&#xa0;; attendu&#xa0;: un identifiant IANA comme Europe/Paris ou UTC</translation>
    </message>
    <message>
        <source>a maintenance window happens either once (date) or again and again (every), not both; this one already has &apos;%1&apos; at %2</source>
        <translation>une fenêtre de maintenance a lieu soit une seule fois (date), soit de façon récurrente (every), pas les deux&#xa0;; celle-ci a déjà &apos;%1&apos; à %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a date; expected YYYY-MM-DD, for example 2026-12-24</source>
        <translation>&apos;%1&apos; n’est pas une date&#xa0;; attendu&#xa0;: AAAA-MM-JJ, par exemple 2026-12-24</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time of day; expected HH:MM on a 24-hour clock, for example 02:30</source>
        <translation>&apos;%1&apos; n’est pas une heure&#xa0;; attendu&#xa0;: HH:MM au format 24 heures, par exemple 02:30</translation>
    </message>
    <message>
        <source>a maintenance window</source>
        <translation>une fenêtre de maintenance</translation>
    </message>
    <message>
        <source>this maintenance window has no &apos;name&apos;; add one, for example: name: Database upgrade</source>
        <translation>cette fenêtre de maintenance n’a pas de clé &apos;name&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: name: Mise à jour de la base de données</translation>
    </message>
    <message>
        <source>this maintenance window says neither when it happens once (date: 2026-12-24) nor when it recurs (every: sunday); add one of them</source>
        <translation>cette fenêtre de maintenance n’indique ni quand elle a lieu une seule fois (date: 2026-12-24), ni quand elle se répète (every: sunday)&#xa0;; ajoutez l’une des deux clés</translation>
    </message>
    <message>
        <source>this maintenance window has no &apos;at&apos;; add its local start time, for example: at: &quot;02:30&quot;</source>
        <translation>cette fenêtre de maintenance n’a pas de clé &apos;at&apos;&#xa0;; ajoutez son heure locale de début, par exemple&#xa0;: at: &quot;02:30&quot;</translation>
    </message>
    <message>
        <source>this maintenance window has no &apos;duration&apos;; add one, for example: duration: 2h</source>
        <translation>cette fenêtre de maintenance n’a pas de clé &apos;duration&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: duration: 2h</translation>
    </message>
    <message>
        <source>expected day, a weekday name (monday to sunday) or a sequence of weekday names</source>
        <translation>attendu&#xa0;: day, un nom de jour de la semaine (monday à sunday) ou une liste de noms de jours</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a day; %2</source>
        <translation>&apos;%1&apos; n’est pas un jour&#xa0;; %2</translation>
    </message>
    <message>
        <source>&apos;every&apos; should be a day or a sequence of days; %1, found %2</source>
        <translation>&apos;every&apos; devrait être un jour ou une liste de jours&#xa0;; %1, trouvé&#xa0;: %2</translation>
    </message>
    <message>
        <source>&apos;every&apos;</source>
        <translation>&apos;every&apos;</translation>
    </message>
    <message>
        <source>&apos;every&apos; is empty; %1</source>
        <translation>&apos;every&apos; est vide&#xa0;; %1</translation>
    </message>
    <message>
        <source>each item of &apos;every&apos;</source>
        <translation>chaque élément de &apos;every&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a weekday; expected monday, tuesday, wednesday, thursday, friday, saturday or sunday</source>
        <translation>&apos;%1&apos; n’est pas un jour de la semaine&#xa0;; attendu&#xa0;: monday, tuesday, wednesday, thursday, friday, saturday ou sunday</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is listed twice in &apos;every&apos;</source>
        <translation>&apos;%1&apos; figure deux fois dans &apos;every&apos;</translation>
    </message>
    <message>
        <source>depends_on names &apos;%1&apos;, which is not a service of this workspace</source>
        <translation>depends_on désigne &apos;%1&apos;, qui n’est pas un service de cet espace de travail</translation>
    </message>
    <message>
        <source>there is no service &apos;%1&apos; in this workspace</source>
        <translation>il n’y a pas de service &apos;%1&apos; dans cet espace de travail</translation>
    </message>
    <message>
        <source>no service is in a group &apos;%1&apos;</source>
        <translation>aucun service n’est dans un groupe &apos;%1&apos;</translation>
    </message>
    <message>
        <source>depends_on makes a cycle: %1; a service cannot depend on itself, even through others</source>
        <translation>depends_on crée un cycle&#xa0;: %1&#xa0;; un service ne peut pas dépendre de lui-même, même par l’intermédiaire d’autres services</translation>
    </message>
    <message>
        <source>cannot read the workspace file: it is not a regular file (a FIFO, a device or a socket)</source>
        <translation>impossible de lire le fichier d’espace de travail&#xa0;: ce n’est pas un fichier ordinaire (c’est un FIFO, un périphérique ou une socket)</translation>
    </message>
    <message numerus="yes">
        <source>and more than %n problem(s) from here on, not shown; reading stopped there</source>
        <translation>
            <numerusform>et plus de %n problème à partir d’ici, non affiché&#xa0;; la lecture s’est arrêtée là</numerusform>
            <numerusform>et plus de %n problèmes à partir d’ici, non affichés&#xa0;; la lecture s’est arrêtée là</numerusform>
        </translation>
    </message>
    <message>
        <source>the document holds more than %1 values; a workspace file can hold at most that many</source>
        <translation>le document contient plus de %1 valeurs&#xa0;; un fichier d’espace de travail ne peut pas en contenir davantage</translation>
    </message>
    <message>
        <source>this alias (*name) is inside the node it names, which would make the document endless</source>
        <translation>cet alias (*nom) se trouve à l’intérieur du nœud qu’il désigne, ce qui rendrait le document infini</translation>
    </message>
    <message>
        <source>a URL with a user name or password (user:password@) would keep a secret in the workspace file; write %1 and use &apos;auth&apos; instead, with the name of a secret stored in the system keychain</source>
        <translation>une URL avec un nom d’utilisateur ou un mot de passe (user:password@) garderait un secret dans le fichier d’espace de travail&#xa0;; écrivez %1 et utilisez plutôt &apos;auth&apos;, avec le nom d’un secret enregistré dans le trousseau du système</translation>
    </message>
    <message>
        <source>a URL with a user name or password (user:password@) would keep a secret in the workspace file; a status page is read without credentials: write %1</source>
        <translation>une URL avec un nom d’utilisateur ou un mot de passe (user:password@) garderait un secret dans le fichier d’espace de travail&#xa0;; une page d’état se lit sans identifiants&#xa0;: écrivez %1</translation>
    </message>
    <message>
        <source>&apos;history&apos;</source>
        <translation>&apos;history&apos;</translation>
    </message>
    <message>
        <source>results should be at least 1h, found %1: a service&apos;s chart shows its last hour of results, which a shorter history would leave empty</source>
        <translation>results doit valoir au moins 1h, trouvé %1&#xa0;: le graphique d’un service montre sa dernière heure de résultats, qu’un historique plus court laisserait vide</translation>
    </message>
    <message>
        <source>events should be at least 1d, found %1: the event log shows the last 24 hours of changes, which a shorter history would leave empty</source>
        <translation>events doit valoir au moins 1d, trouvé %1&#xa0;: le journal des événements montre les changements des dernières 24 heures, qu’un historique plus court laisserait vide</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a length of time; expected a number and a unit: y (365 days), d, h, m or s (for example 90d or 2y)</source>
        <translation>&apos;%1&apos; n’est pas une durée&#xa0;; attendu un nombre et une unité&#xa0;: y (365 jours), d, h, m ou s (par exemple 90d ou 2y)</translation>
    </message>
    <message>
        <source>a prometheus probe</source>
        <translation>une sonde prometheus</translation>
    </message>
    <message>
        <source>&apos;probes&apos; is empty; add at least one probe (http, tcp, tls, dns, statuspage or prometheus)</source>
        <translation>&apos;probes&apos; est vide&#xa0;; ajoutez au moins une sonde (http, tcp, tls, dns, statuspage ou prometheus)</translation>
    </message>
    <message>
        <source>this service has no &apos;probes&apos;; add a sequence with at least one probe (http, tcp, tls, dns, statuspage or prometheus)</source>
        <translation>ce service n’a pas de clé &apos;probes&apos;&#xa0;; ajoutez une liste avec au moins une sonde (http, tcp, tls, dns, statuspage ou prometheus)</translation>
    </message>
    <message>
        <source>this probe has no target; add one of &apos;http: URL&apos;, &apos;tcp: HOST:PORT&apos;, &apos;tls: HOST:PORT&apos;, &apos;dns: NAME&apos;, &apos;statuspage: URL&apos; or &apos;prometheus: URL&apos;</source>
        <translation>cette sonde n’a pas de cible&#xa0;; ajoutez l’une des clés &apos;http: URL&apos;, &apos;tcp: HOST:PORT&apos;, &apos;tls: HOST:PORT&apos;, &apos;dns: NAME&apos;, &apos;statuspage: URL&apos; ou &apos;prometheus: URL&apos;</translation>
    </message>
    <message>
        <source>this prometheus probe has no &apos;query&apos;; add the PromQL expression whose result decides its state, for example query: &apos;probe_success{job=&quot;blackbox&quot;}&apos;</source>
        <translation>cette sonde prometheus n’a pas de clé &apos;query&apos;&#xa0;; ajoutez l’expression PromQL dont le résultat décide de son état, par exemple query: &apos;probe_success{job=&quot;blackbox&quot;}&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a prometheus target; expected the address of a Prometheus server (or of anything that speaks its HTTP API), for example http://prometheus.example.org:9090</source>
        <translation>&apos;%1&apos; n’est pas une cible prometheus&#xa0;; attendu&#xa0;: l’adresse d’un serveur Prometheus (ou de tout ce qui parle son API HTTP), par exemple http://prometheus.example.org:9090</translation>
    </message>
    <message>
        <source>an empty each_series; write a condition on [VALUE], each series&apos; value, for example [VALUE] &gt;= 1</source>
        <translation>each_series vide&#xa0;; écrivez une condition sur [VALUE], la valeur de chaque série, par exemple [VALUE] &gt;= 1</translation>
    </message>
    <message>
        <source>each_series checks [VALUE], each series&apos; value: write it as [VALUE] &gt;= 1, [VALUE] == 0 or [VALUE] &lt; 0.05, not &apos;%1&apos;</source>
        <translation>each_series vérifie [VALUE], la valeur de chaque série&#xa0;: écrivez-la sous la forme [VALUE] &gt;= 1, [VALUE] == 0 ou [VALUE] &lt; 0.05, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;series&apos;</source>
        <translation>&apos;series&apos;</translation>
    </message>
    <message>
        <source>a level of the series should keep at least 1h, found %1: a chart shows at least the last hour</source>
        <translation>un niveau de la série devrait conserver au moins 1h, trouvé %1&#xa0;: un graphique montre au moins la dernière heure</translation>
    </message>
    <message>
        <source>&apos;metrics&apos;</source>
        <translation>&apos;metrics&apos;</translation>
    </message>
    <message>
        <source>&apos;scrape&apos;</source>
        <translation>&apos;scrape&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid id; use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit</source>
        <translation>&apos;%1&apos; n’est pas un id valide&#xa0;; utilisez des lettres minuscules, des chiffres, &apos;-&apos; et &apos;_&apos;, en commençant par une lettre ou un chiffre</translation>
    </message>
    <message>
        <source>duplicate id &apos;%1&apos; in &apos;metrics&apos; (first defined at %2)</source>
        <translation>id &apos;%1&apos; en double dans &apos;metrics&apos; (déjà défini à %2)</translation>
    </message>
    <message>
        <source>each item of &apos;scrape&apos;</source>
        <translation>chaque élément de &apos;scrape&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a metrics endpoint; expected a URL that starts with http:// or https://, for example http://127.0.0.1:9100/metrics</source>
        <translation>&apos;%1&apos; n’est pas un point de terminaison de métriques&#xa0;; attendu&#xa0;: une URL qui commence par http:// ou https://, par exemple http://127.0.0.1:9100/metrics</translation>
    </message>
    <message>
        <source>interval should be at least 1s, found %1</source>
        <translation>interval devrait valoir au moins 1s, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>a scrape target</source>
        <translation>une cible de collecte</translation>
    </message>
    <message>
        <source>timeout %1 is longer than interval %2; a scrape must finish before the next one starts</source>
        <translation>timeout %1 est supérieur à interval %2&#xa0;; une collecte doit se terminer avant le démarrage de la suivante</translation>
    </message>
    <message>
        <source>give &apos;service&apos; or &apos;dashboard&apos;, not both; &apos;service&apos; is at %1</source>
        <translation>indiquez &apos;service&apos; ou &apos;dashboard&apos;, pas les deux&#xa0;; &apos;service&apos; est à %1</translation>
    </message>
    <message>
        <source>this scrape target has no &apos;id&apos;; add one, for example: id: node</source>
        <translation>cette cible de collecte n’a pas de clé &apos;id&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: id: node</translation>
    </message>
    <message>
        <source>this scrape target has no &apos;url&apos;; add the address of its metrics, for example url: http://127.0.0.1:9100/metrics</source>
        <translation>cette cible de collecte n’a pas de clé &apos;url&apos;&#xa0;; ajoutez l’adresse de ses métriques, par exemple url: http://127.0.0.1:9100/metrics</translation>
    </message>
    <message>
        <source>each item of &apos;series&apos;</source>
        <translation>chaque élément de &apos;series&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Prometheus address; expected the URL of a Prometheus server (or of anything that speaks its HTTP API), for example http://prometheus.example.org:9090</source>
        <translation>&apos;%1&apos; n’est pas une adresse Prometheus&#xa0;; attendu&#xa0;: l’URL d’un serveur Prometheus (ou de tout ce qui parle son API HTTP), par exemple http://prometheus.example.org:9090</translation>
    </message>
    <message>
        <source>a series</source>
        <translation>une série</translation>
    </message>
    <message>
        <source>this series has no &apos;id&apos;; add one, for example: id: api-error-rate</source>
        <translation>cette série n’a pas de clé &apos;id&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: id: api-error-rate</translation>
    </message>
    <message>
        <source>this series has no &apos;prometheus&apos;; add the address of the Prometheus server to ask, for example prometheus: http://127.0.0.1:9090</source>
        <translation>cette série n’a pas de clé &apos;prometheus&apos;&#xa0;; ajoutez l’adresse du serveur Prometheus à interroger, par exemple prometheus: http://127.0.0.1:9090</translation>
    </message>
    <message>
        <source>this series has no &apos;query&apos;; add the PromQL expression to draw, for example query: &apos;rate(http_requests_total[5m])&apos;</source>
        <translation>cette série n’a pas de clé &apos;query&apos;&#xa0;; ajoutez l’expression PromQL à tracer, par exemple query: &apos;rate(http_requests_total[5m])&apos;</translation>
    </message>
    <message>
        <source>&apos;devices&apos;</source>
        <translation>&apos;devices&apos;</translation>
    </message>
    <message>
        <source>each item of &apos;devices&apos;</source>
        <translation>chaque élément de &apos;devices&apos;</translation>
    </message>
    <message>
        <source>a device is a network interface&apos;s name, such as eth0; found nothing</source>
        <translation>un périphérique est le nom d’une interface réseau, comme eth0&#xa0;; rien n’a été trouvé</translation>
    </message>
    <message>
        <source>&apos;status_sites&apos;</source>
        <translation>&apos;status_sites&apos;</translation>
    </message>
    <message>
        <source>each item of &apos;status_sites&apos;</source>
        <translation>chaque élément de &apos;status_sites&apos;</translation>
    </message>
    <message>
        <source>a status site has exactly one kind; this one already has &apos;%1&apos; at %2</source>
        <translation>un site de statut a exactement un type&#xa0;; celui-ci a déjà &apos;%1&apos; à %2</translation>
    </message>
    <message>
        <source>this status site has no kind; add one of &apos;statuspage: {page_id: ..., token: SECRET-NAME}&apos;, &apos;webdav: URL&apos; or &apos;cachet: URL&apos;</source>
        <translation>ce site de statut n’a pas de type&#xa0;; ajoutez &apos;statuspage: {page_id: ..., token: NOM-DU-SECRET}&apos;, &apos;webdav: URL&apos; ou &apos;cachet: URL&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not apply to a %2 site</source>
        <translation>&apos;%1&apos; ne s’applique pas à un site %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a WebDAV address; expected the URL of the folder the site is uploaded to, for example https://dav.example.org/status/</source>
        <translation>&apos;%1&apos; n’est pas une adresse WebDAV&#xa0;; attendu&#xa0;: l’URL du dossier où le site est déposé, par exemple https://dav.example.org/status/</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Cachet address; expected the URL of its API, for example https://status.example.org/api/v1</source>
        <translation>&apos;%1&apos; n’est pas une adresse Cachet&#xa0;; attendu&#xa0;: l’URL de son API, par exemple https://status.example.org/api/v1</translation>
    </message>
    <message>
        <source>duplicate status site id &apos;%1&apos; (first defined at %2)</source>
        <translation>id de site de statut &apos;%1&apos; en double (déjà défini à %2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not the address of a site; expected the URL the public reads it at, for example https://status.example.org/</source>
        <translation>&apos;%1&apos; n’est pas l’adresse d’un site&#xa0;; attendu&#xa0;: l’URL où le public le consulte, par exemple https://status.example.org/</translation>
    </message>
    <message>
        <source>a Statuspage site names its token inside &apos;statuspage&apos;: statuspage: {page_id: ..., token: SECRET-NAME}</source>
        <translation>un site Statuspage nomme son jeton dans &apos;statuspage&apos;&#xa0;: statuspage: {page_id: ..., token: NOM-DU-SECRET}</translation>
    </message>
    <message>
        <source>a status site</source>
        <translation>un site de statut</translation>
    </message>
    <message>
        <source>this status site has no &apos;id&apos;; add one, for example: id: public-status</source>
        <translation>ce site de statut n’a pas de clé &apos;id&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: id: public-status</translation>
    </message>
    <message>
        <source>this Cachet site has no &apos;token&apos;; name the secret stored in the system keychain that holds its API token, for example token: cachet-token</source>
        <translation>ce site Cachet n’a pas de clé &apos;token&apos;&#xa0;; indiquez le nom du secret enregistré dans le trousseau système qui contient son jeton d’API, par exemple token: cachet-token</translation>
    </message>
    <message>
        <source>this WebDAV site has no &apos;site_url&apos;; add the address the public reads it at, for example site_url: https://status.example.org/</source>
        <translation>ce site WebDAV n’a pas de clé &apos;site_url&apos;&#xa0;; ajoutez l’adresse où le public le consulte, par exemple site_url: https://status.example.org/</translation>
    </message>
    <message>
        <source>&apos;%1&apos; would send the credentials of &apos;auth&apos; unencrypted; use https:// (http:// is accepted for a loopback address only)</source>
        <translation>&apos;%1&apos; enverrait les identifiants de &apos;auth&apos; en clair&#xa0;; utilisez https:// (http:// n’est accepté que pour une adresse de bouclage)</translation>
    </message>
    <message>
        <source>&apos;statuspage&apos;</source>
        <translation>&apos;statuspage&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Statuspage API address; expected a URL such as https://api.statuspage.io/v1</source>
        <translation>&apos;%1&apos; n’est pas une adresse d’API Statuspage&#xa0;; attendu&#xa0;: une URL comme https://api.statuspage.io/v1</translation>
    </message>
    <message>
        <source>&apos;statuspage&apos; has no &apos;page_id&apos;; add the id of the page, as its API settings show it</source>
        <translation>&apos;statuspage&apos; n’a pas de clé &apos;page_id&apos;&#xa0;; ajoutez l’id de la page, tel que ses réglages d’API l’affichent</translation>
    </message>
    <message>
        <source>&apos;statuspage&apos; has no &apos;token&apos;; name the secret stored in the system keychain that holds its API key, for example token: statuspage-key</source>
        <translation>&apos;statuspage&apos; n’a pas de clé &apos;token&apos;&#xa0;; indiquez le nom du secret enregistré dans le trousseau système qui contient sa clé d’API, par exemple token: statuspage-key</translation>
    </message>
    <message>
        <source>a URL with a user name or password (user:password@) would keep a secret in the workspace file; write %1 and name the secret stored in the system keychain instead</source>
        <translation>une URL avec un nom d’utilisateur ou un mot de passe (user:password@) garderait un secret dans le fichier d’espace de travail&#xa0;; écrivez %1 et indiquez plutôt le nom du secret enregistré dans le trousseau système</translation>
    </message>
    <message>
        <source>&apos;%1&apos; would send the site&apos;s token unencrypted; use https:// (http:// is accepted for a loopback address only)</source>
        <translation>&apos;%1&apos; enverrait le jeton du site en clair&#xa0;; utilisez https:// (http:// n’est accepté que pour une adresse de bouclage)</translation>
    </message>
    <message>
        <source>&apos;token&apos; names a secret stored in the system keychain, and this looks like a token itself: a token must never be in the workspace; store it with &apos;vigie secret set NAME&apos; and write that name here, for example token: statuspage-key</source>
        <translation>&apos;token&apos; désigne un secret enregistré dans le trousseau système, et ceci ressemble à un jeton&#xa0;: un jeton ne doit jamais figurer dans l’espace de travail&#xa0;; enregistrez-le avec &apos;vigie secret set NOM&apos; et écrivez ce nom ici, par exemple token: statuspage-key</translation>
    </message>
    <message>
        <source>&apos;components&apos;</source>
        <translation>&apos;components&apos;</translation>
    </message>
    <message>
        <source>&apos;alerts&apos;</source>
        <translation>&apos;alerts&apos;</translation>
    </message>
    <message>
        <source>&apos;channels&apos;</source>
        <translation>&apos;channels&apos;</translation>
    </message>
    <message>
        <source>&apos;routes&apos;</source>
        <translation>&apos;routes&apos;</translation>
    </message>
    <message>
        <source>this route names channel &apos;%1&apos;, which alerts: channels does not declare</source>
        <translation>cette route nomme le canal &apos;%1&apos;, que alerts: channels ne déclare pas</translation>
    </message>
    <message>
        <source>each item of &apos;channels&apos;</source>
        <translation>chaque élément de &apos;channels&apos;</translation>
    </message>
    <message>
        <source>a channel has exactly one kind; this one already has &apos;%1&apos; at %2</source>
        <translation>un canal a exactement un type&#xa0;; celui-ci a déjà &apos;%1&apos; à %2</translation>
    </message>
    <message>
        <source>this channel has no kind; add one of &apos;webhook: URL&apos;, &apos;smtp: {host: ..., from: ..., to: [...]}&apos; or &apos;command: [PROGRAM, ARGUMENTS...]&apos;</source>
        <translation>ce canal n’a pas de type&#xa0;; ajoutez &apos;webhook: URL&apos;, &apos;smtp: {host: ..., from: ..., to: [...]}&apos; ou &apos;command: [PROGRAMME, ARGUMENTS...]&apos;</translation>
    </message>
    <message>
        <source>duplicate channel id &apos;%1&apos; (first defined at %2)</source>
        <translation>id de canal &apos;%1&apos; en double (déjà défini à %2)</translation>
    </message>
    <message>
        <source>a channel</source>
        <translation>un canal</translation>
    </message>
    <message>
        <source>this channel has no &apos;id&apos;; add one, for example: id: ops-mail</source>
        <translation>ce canal n’a pas de clé &apos;id&apos;&#xa0;; ajoutez-en une, par exemple&#xa0;: id: ops-mail</translation>
    </message>
    <message>
        <source>&apos;webhook&apos; should be a URL, or a mapping with &apos;url&apos; and &apos;headers&apos;, found %1</source>
        <translation>&apos;webhook&apos; devrait être une URL, ou une table avec &apos;url&apos; et &apos;headers&apos;, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>an Authorization header would keep a secret in the workspace file; a webhook sends no credentials of its own: use the address the receiver gives, which holds its token</source>
        <translation>un en-tête Authorization conserverait un secret dans le fichier d’espace de travail&#xa0;; un webhook n’envoie pas d’identifiants&#xa0;: utilisez l’adresse que fournit le destinataire, qui contient son jeton</translation>
    </message>
    <message>
        <source>&apos;webhook&apos;</source>
        <translation>&apos;webhook&apos;</translation>
    </message>
    <message>
        <source>&apos;webhook&apos; has no &apos;url&apos;; add the address alerts are posted to, for example url: https://chat.example.org/hooks/...</source>
        <translation>&apos;webhook&apos; n’a pas de clé &apos;url&apos;&#xa0;; ajoutez l’adresse à laquelle les alertes sont envoyées, par exemple url: https://chat.example.org/hooks/...</translation>
    </message>
    <message>
        <source>a URL with a user name or password (user:password@) would keep a secret in the workspace file; a webhook sends no credentials of its own: write %1</source>
        <translation>une URL avec un nom d’utilisateur ou un mot de passe (user:password@) garderait un secret dans le fichier d’espace de travail&#xa0;; un webhook n’envoie pas d’identifiants&#xa0;: écrivez %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a webhook address: it should start with http:// or https://, for example https://chat.example.org/hooks/...</source>
        <translation>&apos;%1&apos; n’est pas une adresse de webhook&#xa0;: elle devrait commencer par http:// ou https://, par exemple https://chat.example.org/hooks/...</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid URL; look for a space or a character a URL cannot hold</source>
        <translation>&apos;%1&apos; n’est pas une URL valide&#xa0;; cherchez une espace ou un caractère qu’une URL ne peut pas contenir</translation>
    </message>
    <message>
        <source>&apos;%1&apos; names no host; a webhook address is a URL such as https://chat.example.org/hooks/...</source>
        <translation>&apos;%1&apos; ne nomme aucun hôte&#xa0;; une adresse de webhook est une URL telle que https://chat.example.org/hooks/...</translation>
    </message>
    <message>
        <source>&apos;smtp&apos;</source>
        <translation>&apos;smtp&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name; expected the relay&apos;s name or address, for example smtp.example.org (the port goes in &apos;port&apos;)</source>
        <translation>&apos;%1&apos; n’est pas un nom d’hôte&#xa0;; attendu&#xa0;: le nom ou l’adresse du relais, par exemple smtp.example.org (le port va dans &apos;port&apos;)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an SMTP security; expected starttls, tls or none</source>
        <translation>&apos;%1&apos; n’est pas une sécurité SMTP&#xa0;; attendu&#xa0;: starttls, tls ou none</translation>
    </message>
    <message>
        <source>&apos;from&apos;</source>
        <translation>&apos;from&apos;</translation>
    </message>
    <message>
        <source>&apos;to&apos; should be an address or a sequence of addresses, found %1</source>
        <translation>&apos;to&apos; devrait être une adresse ou une liste d’adresses, trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>&apos;to&apos;</source>
        <translation>&apos;to&apos;</translation>
    </message>
    <message>
        <source>&apos;to&apos; is empty; add at least one recipient, for example to: [oncall@example.org]</source>
        <translation>&apos;to&apos; est vide&#xa0;; ajoutez au moins un destinataire, par exemple to: [oncall@example.org]</translation>
    </message>
    <message>
        <source>each item of &apos;to&apos;</source>
        <translation>chaque élément de &apos;to&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is listed twice in &apos;to&apos;</source>
        <translation>&apos;%1&apos; figure deux fois dans &apos;to&apos;</translation>
    </message>
    <message>
        <source>&apos;smtp&apos; has no &apos;host&apos;; add the relay&apos;s name, for example host: smtp.example.org</source>
        <translation>&apos;smtp&apos; n’a pas de clé &apos;host&apos;&#xa0;; ajoutez le nom du relais, par exemple host: smtp.example.org</translation>
    </message>
    <message>
        <source>&apos;smtp&apos; has no &apos;from&apos;; add the sender&apos;s address, for example from: vigie@example.org</source>
        <translation>&apos;smtp&apos; n’a pas de clé &apos;from&apos;&#xa0;; ajoutez l’adresse de l’expéditeur, par exemple from: vigie@example.org</translation>
    </message>
    <message>
        <source>&apos;smtp&apos; has no &apos;to&apos;; add at least one recipient, for example to: [oncall@example.org]</source>
        <translation>&apos;smtp&apos; n’a pas de clé &apos;to&apos;&#xa0;; ajoutez au moins un destinataire, par exemple to: [oncall@example.org]</translation>
    </message>
    <message>
        <source>&apos;smtp&apos; has a &apos;username&apos; but no &apos;secret&apos;; name the secret stored in the system keychain that holds its password, for example secret: smtp-password</source>
        <translation>&apos;smtp&apos; a une clé &apos;username&apos; mais pas de clé &apos;secret&apos;&#xa0;; indiquez le nom du secret enregistré dans le trousseau système qui contient son mot de passe, par exemple secret: smtp-password</translation>
    </message>
    <message>
        <source>&apos;secret&apos; is the password of &apos;username&apos;, which &apos;smtp&apos; does not give; add the login&apos;s user name</source>
        <translation>&apos;secret&apos; est le mot de passe de &apos;username&apos;, que &apos;smtp&apos; ne donne pas&#xa0;; ajoutez le nom d’utilisateur de la connexion</translation>
    </message>
    <message>
        <source>security: none would send the login of &apos;username&apos; unencrypted to %1; use starttls or tls (none is accepted for a loopback relay only)</source>
        <translation>security: none enverrait l’identifiant de &apos;username&apos; en clair à %1&#xa0;; utilisez starttls ou tls (none n’est accepté que pour un relais sur l’adresse de bouclage)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an e-mail address; expected one such as oncall@example.org, or Name &lt;oncall@example.org&gt;</source>
        <translation>&apos;%1&apos; n’est pas une adresse e-mail&#xa0;; attendu&#xa0;: une adresse telle que oncall@example.org, ou Nom &lt;oncall@example.org&gt;</translation>
    </message>
    <message>
        <source>&apos;command&apos; should be a sequence, the program then its arguments, run without a shell (for example command: [/usr/local/bin/page, --team, ops]), found %1</source>
        <translation>&apos;command&apos; devrait être une liste, le programme puis ses arguments, lancée sans shell (par exemple command: [/usr/local/bin/page, --team, ops]), trouvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>&apos;command&apos;</source>
        <translation>&apos;command&apos;</translation>
    </message>
    <message>
        <source>&apos;command&apos; is empty; give the program to run, then its arguments, for example command: [/usr/local/bin/page, --team, ops]</source>
        <translation>&apos;command&apos; est vide&#xa0;; indiquez le programme à lancer, puis ses arguments, par exemple command: [/usr/local/bin/page, --team, ops]</translation>
    </message>
    <message>
        <source>each item of &apos;command&apos;</source>
        <translation>chaque élément de &apos;command&apos;</translation>
    </message>
    <message>
        <source>the first item of &apos;command&apos; is the program to run; found nothing</source>
        <translation>le premier élément de &apos;command&apos; est le programme à lancer&#xa0;; il est vide</translation>
    </message>
    <message>
        <source>each item of &apos;routes&apos;</source>
        <translation>chaque élément de &apos;routes&apos;</translation>
    </message>
    <message>
        <source>&apos;channels&apos; is empty; name the channels this route&apos;s alerts go to, for example channels: [ops-mail]</source>
        <translation>&apos;channels&apos; est vide&#xa0;; indiquez les canaux auxquels vont les alertes de cette route, par exemple channels: [ops-mail]</translation>
    </message>
    <message>
        <source>a route</source>
        <translation>une route</translation>
    </message>
    <message>
        <source>this route has no &apos;channels&apos;; name the channels its alerts go to, for example channels: [ops-mail]</source>
        <translation>cette route n’a pas de clé &apos;channels&apos;&#xa0;; indiquez les canaux auxquels vont ses alertes, par exemple channels: [ops-mail]</translation>
    </message>
    <message>
        <source>no route names channel &apos;%1&apos;, so it would never be sent an alert; add it to a route&apos;s &apos;channels&apos;, or remove it</source>
        <translation>aucune route ne nomme le canal &apos;%1&apos;, qui ne recevrait donc jamais d’alerte&#xa0;: ajoutez-le aux &apos;channels&apos; d’une route, ou retirez-le</translation>
    </message>
    <message>
        <source>&apos;ca_file&apos; verifies the relay&apos;s certificate, and security: none uses no TLS; use starttls or tls, or remove &apos;ca_file&apos;</source>
        <translation>&apos;ca_file&apos; vérifie le certificat du relais, et security: none n’utilise pas TLS&#xa0;; utilisez starttls ou tls, ou retirez &apos;ca_file&apos;</translation>
    </message>
</context>
</TS>
