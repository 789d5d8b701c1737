<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
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
</context>
<context>
    <name>Vigie::LatencyChart</name>
    <message>
        <source>No results in this range yet</source>
        <translation>Pas encore de résultats sur cette période</translation>
    </message>
    <message>
        <source>Response time chart</source>
        <translation>Graphique des temps de réponse</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>Temps de réponse</translation>
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
        <source>ms</source>
        <translation>ms</translation>
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
        <source>&lt;h3&gt;Vigie %1&lt;/h3&gt;&lt;p&gt;An operations console for on-call engineers: it probes your services over HTTP and TCP and shows their health as it changes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Vigie %1&lt;/h3&gt;&lt;p&gt;Une console d’exploitation pour les ingénieurs d’astreinte&#xa0;: elle sonde vos services en HTTP et TCP et affiche leur état de santé en temps réel.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Opening the results database was cancelled.</source>
        <translation>L’ouverture de la base de résultats a été annulée.</translation>
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
        <source>check: run every probe once and print the results (see vigie check --help).</source>
        <translation>check&#xa0;: exécute une fois chaque sonde et affiche les résultats (voir vigie check --help).</translation>
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
        <source>vigie check needs a workspace: vigie check --workspace FILE</source>
        <translation>vigie check a besoin d’un espace de travail&#xa0;: vigie check --workspace FICHIER</translation>
    </message>
    <message>
        <source>Unknown command: %1 (the commands are: check)</source>
        <translation>Commande inconnue&#xa0;: %1 (commandes disponibles&#xa0;: check)</translation>
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
        <source>Cannot read the schema version of the results database %1 (is it a SQLite database?): %2.</source>
        <translation>Impossible de lire la version du schéma de la base de résultats %1 (est-ce bien une base SQLite&#xa0;?)&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The results database %1 was written by a newer version of Vigie (schema version %2; this version knows up to %3). Update Vigie, or start it with another data folder.</source>
        <translation>La base de résultats %1 a été écrite par une version plus récente de Vigie (schéma en version %2&#xa0;; cette version connaît jusqu’à la version %3). Mettez Vigie à jour, ou lancez-le avec un autre dossier de données.</translation>
    </message>
    <message>
        <source>Cannot start upgrading the results database %1 to schema version %2: %3.</source>
        <translation>Impossible de démarrer la migration de la base de résultats %1 vers la version %2 du schéma&#xa0;: %3.</translation>
    </message>
    <message>
        <source>Cannot upgrade the results database %1 to schema version %2: %3. It is left at version %4.</source>
        <translation>Impossible de migrer la base de résultats %1 vers la version %2 du schéma&#xa0;: %3. Elle reste en version %4.</translation>
    </message>
    <message>
        <source>Cannot open the results database %1: the SQLite driver of Qt (QSQLITE) is not installed.</source>
        <translation>Impossible d’ouvrir la base de résultats %1&#xa0;: le pilote SQLite de Qt (QSQLITE) n’est pas installé.</translation>
    </message>
    <message>
        <source>Cannot open the results database %1: %2.</source>
        <translation>Impossible d’ouvrir la base de résultats %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Cannot use the results database %1 (is it a SQLite database?): %2.</source>
        <translation>Impossible d’utiliser la base de résultats %1 (est-ce bien une base SQLite&#xa0;?)&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Cannot switch the results database %1 to write-ahead logging: SQLite kept the journal mode &quot;%2&quot; (is the data folder on a network share?).</source>
        <translation>Impossible de passer la base de résultats %1 en journalisation anticipée (WAL)&#xa0;: SQLite a conservé le mode de journal &quot;%2&quot; (le dossier de données est-il sur un partage réseau&#xa0;?).</translation>
    </message>
</context>
<context>
    <name>Vigie::ResultWriter</name>
    <message>
        <source>Cannot prepare the statements that save probe results in %1: %2.</source>
        <translation>Impossible de préparer les requêtes qui enregistrent les résultats des sondes dans %1&#xa0;: %2.</translation>
    </message>
    <message numerus="yes">
        <source>Could not save %n probe result(s) to %1: %2. They are kept in memory and will be written again in %3 s.</source>
        <translation>
            <numerusform>Impossible d’enregistrer %n résultat de sonde dans %1&#xa0;: %2. Il est conservé en mémoire&#xa0;; nouvelle tentative d’écriture dans %3 s.</numerusform>
            <numerusform>Impossible d’enregistrer %n résultats de sonde dans %1&#xa0;: %2. Ils sont conservés en mémoire&#xa0;; nouvelle tentative d’écriture dans %3 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::ServiceBoardModel</name>
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
        <source>No data yet</source>
        <translation>Pas encore de données</translation>
    </message>
</context>
<context>
    <name>Vigie::ServiceDetailPanel</name>
    <message>
        <source>Response time, last hour</source>
        <translation>Temps de réponse, dernière heure</translation>
    </message>
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
</context>
<context>
    <name>Vigie::TileDelegate</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <source>for %n s</source>
        <translation>
            <numerusform>depuis %n s</numerusform>
            <numerusform>depuis %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n min</source>
        <translation>
            <numerusform>depuis %n min</numerusform>
            <numerusform>depuis %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n h</source>
        <translation>
            <numerusform>depuis %n h</numerusform>
            <numerusform>depuis %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>for %1 h %2 min</source>
        <translation>depuis %1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>for %n d</source>
        <translation>
            <numerusform>depuis %n j</numerusform>
            <numerusform>depuis %n j</numerusform>
        </translation>
    </message>
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
        <source>&apos;probes&apos; is empty; add at least one http or tcp probe</source>
        <translation>&apos;probes&apos; est vide&#xa0;; ajoutez au moins une sonde http ou tcp</translation>
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
        <source>this service has no &apos;probes&apos;; add a sequence with at least one http or tcp probe</source>
        <translation>ce service n’a pas de clé &apos;probes&apos;&#xa0;; ajoutez une liste d’au moins une sonde http ou tcp</translation>
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
        <source>this probe has no target; add &apos;http: URL&apos; or &apos;tcp: HOST:PORT&apos;</source>
        <translation>cette sonde n’a pas de cible&#xa0;; ajoutez &apos;http: URL&apos; ou &apos;tcp: HOST:PORT&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; applies to tcp probes only; this is an http probe</source>
        <translation>&apos;%1&apos; ne s’applique qu’aux sondes tcp&#xa0;; celle-ci est une sonde http</translation>
    </message>
    <message>
        <source>&apos;%1&apos; applies to http probes only; this is a tcp probe</source>
        <translation>&apos;%1&apos; ne s’applique qu’aux sondes http&#xa0;; celle-ci est une sonde tcp</translation>
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
        <source>max_redirects should be a whole number from 0 to %1, found &apos;%2&apos;</source>
        <translation>max_redirects devrait être un nombre entier de 0 à %1, trouvé&#xa0;: &apos;%2&apos;</translation>
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
</context>
</TS>
