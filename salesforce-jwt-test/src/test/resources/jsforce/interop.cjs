// Drives a fake Salesforce org with jsforce, a client nobody in this project wrote, and
// prints what jsforce saw as one JSON object on stdout. JsforceInteroperabilityTests runs it
// and checks the results against the org. Inputs come from the environment.
'use strict';

const crypto = require('crypto');
const { Connection } = require('@jsforce/jsforce-node');

const env = process.env;

function base64url(text) {
	return Buffer.from(text).toString('base64url');
}

// A JWT bearer assertion (RFC 7523) signed with the org's key, with Node's own crypto
function assertion() {
	const header = base64url(JSON.stringify({ alg: 'RS256' }));
	const claims = base64url(JSON.stringify({
		iss: env.FAKE_ORG_CONSUMER_KEY,
		sub: env.FAKE_ORG_USERNAME,
		aud: env.FAKE_ORG_AUDIENCE,
		exp: Math.floor(Date.now() / 1000) + 120,
	}));
	const signature = crypto.sign('RSA-SHA256', Buffer.from(header + '.' + claims), env.FAKE_ORG_PRIVATE_KEY);
	return header + '.' + claims + '.' + signature.toString('base64url');
}

// What a call answered, or the Salesforce error jsforce raised
async function attempt(call) {
	try {
		return { result: await call() };
	}
	catch (error) {
		return { errorCode: error.errorCode || error.name, message: error.message };
	}
}

async function main() {
	const conn = new Connection({
		oauth2: { loginUrl: env.FAKE_ORG_LOGIN_URL, clientId: env.FAKE_ORG_CONSUMER_KEY },
		version: '66.0',
	});
	const results = {};
	const userInfo = await conn.authorize({
		grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
		assertion: assertion(),
	});
	results.login = { instanceUrl: conn.instanceUrl, accessToken: conn.accessToken, userInfo };

	const identity = await conn.identity();
	results.identity = {
		user_id: identity.user_id,
		organization_id: identity.organization_id,
		username: identity.username,
	};

	const filtered = await conn.query("SELECT Id, Name FROM Account WHERE Name LIKE 'Account 1%' "
		+ "AND (Name != 'Account 1999' OR Id = null) ORDER BY Name DESC LIMIT 5");
	results.filtered = { totalSize: filtered.totalSize, done: filtered.done, names: filtered.records.map((r) => r.Name) };

	let fetches = 0;
	const everything = await conn.query('SELECT Id, Name FROM Account ORDER BY Name')
		.on('fetch', () => fetches++)
		.run({ autoFetch: true, maxFetch: 100000 });
	results.autoFetch = {
		totalSize: everything.totalSize,
		fetches,
		count: everything.records.length,
		distinct: new Set(everything.records.map((r) => r.Id)).size,
		first: everything.records[0].Name,
		last: everything.records[everything.records.length - 1].Name,
	};

	const pages = [];
	let page = await conn.query('SELECT Id FROM Account', { headers: { 'Sforce-Query-Options': 'batchSize=1000' } });
	pages.push({ size: page.records.length, done: page.done, nextRecordsUrl: page.nextRecordsUrl || null });
	while (!page.done) {
		page = await conn.queryMore(page.nextRecordsUrl);
		pages.push({ size: page.records.length, done: page.done, nextRecordsUrl: page.nextRecordsUrl || null });
	}
	results.queryMore = pages;

	const count = await conn.query("SELECT COUNT() FROM Account WHERE Name IN ('Acme', 'Globex', 'Nobody')");
	results.count = { totalSize: count.totalSize, records: count.records.length };

	const accounts = conn.sobject('Account');
	const created = await accounts.create({ Name: 'Created by jsforce', NumberOfEmployees: 42 });
	const updated = await accounts.update({ Id: created.id, Name: 'Renamed by jsforce' });
	const retrieved = await accounts.retrieve(created.id);
	const destroyed = await accounts.destroy(created.id);
	results.write = {
		created,
		updated,
		retrieved: { Name: retrieved.Name, NumberOfEmployees: retrieved.NumberOfEmployees },
		destroyed,
		destroyedAgain: await attempt(() => accounts.destroy(created.id)),
		retrievedAfterDelete: await attempt(() => accounts.retrieve(created.id)),
		queryAll: (await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${created.id}'`, { scanAll: true }))
			.records.map((r) => r.IsDeleted),
		query: (await conn.query(`SELECT Id FROM Account WHERE Id = '${created.id}'`)).totalSize,
	};

	results.collections = await conn.sobject('Contact').create([{ LastName: 'Lovelace', FirstName: 'Ada' }, { FirstName: 'Nameless' }]);
	results.upsert = [
		await conn.sobject('Invoice__c').upsert({ Number__c: 'INV-1', Amount__c: 5 }, 'Number__c'),
		await conn.sobject('Invoice__c').upsert({ Number__c: 'INV-1', Amount__c: 7 }, 'Number__c'),
	];

	results.refusals = {
		unknownField: await attempt(() => accounts.create({ Name: 'Bogus', Bogus__c: 'x' })),
		unknownObject: await attempt(() => conn.query('SELECT Id FROM Opportunity')),
		unsupportedClause: await attempt(() => conn.query('SELECT Name FROM Account GROUP BY Name')),
		invalidId: await attempt(() => conn.query("SELECT Id FROM Account WHERE Id = 'nope'")),
	};

	const limits = await conn.limits();
	results.limits = { DailyApiRequests: limits.DailyApiRequests, limitInfo: conn.limitInfo };

	const describe = await conn.describe('Invoice__c');
	const global = await conn.describeGlobal();
	results.describe = {
		fields: describe.fields.map((f) => f.name),
		keyPrefix: describe.keyPrefix,
		global: global.sobjects.map((s) => s.name),
	};

	process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
	process.stderr.write('jsforce failed: ' + (error.stack || error) + '\n');
	process.exit(1);
});
