"""`exitkit inventory import`: read devices and cloud accounts from where a team already keeps
them (NetBox, Oxidized and RANCID router.db, AWS Organizations, Azure) into an estate.yaml."""
