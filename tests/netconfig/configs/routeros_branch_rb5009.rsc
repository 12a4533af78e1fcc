# 2024-11-18 09:41:07 by RouterOS 7.16.1
# software id = 7KQ2-XW3M
#
# model = RB5009UG+S+
# serial number = HF8093KQ2X1
/interface bridge
add comment="LAN bridge - key switches" name=bridge-lan
/interface wireguard
add listen-port=13231 mtu=1420 name=wg-hq private-key="yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="
/interface l2tp-client
add connect-to=203.0.113.7 ipsec-secret=L2tpIpsec-7Qx name=l2tp-backup password=L2tpUs3r!pw \
    user=branch-12 use-ipsec=yes
/interface pppoe-client
add add-default-route=yes disabled=no interface=ether1 name=pppoe-isp password="isp pass 2024" \
    user=branch12@isp.example
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
add authentication-types=wpa2-psk mode=dynamic-keys name=corp-wifi supplicant-identity=MikroTik \
    wpa2-pre-shared-key=W1f1-Corp-Key!
/interface wifi security
add authentication-types=wpa2-psk,wpa3-psk name=guest-sec passphrase="guest wifi 2024"
/interface bridge port
add bridge=bridge-lan interface=ether2
add bridge=bridge-lan interface=ether3
/interface wireguard peers
add allowed-address=10.0.0.0/16 endpoint-address=203.0.113.7 endpoint-port=13231 interface=wg-hq \
    preshared-key="FpCyhws9cxwWoV4xELtfJvjJN+zQVRPISllRWgeopVE=" public-key=\
    "hQ2kVn7cWm0Xr1Lb9Y4sGd3aT6pJ8uEf5iKz0oN1wRc="
/ip address
add address=10.12.0.1/24 interface=bridge-lan network=10.12.0.0
/ip firewall filter
add action=accept chain=input comment="allow established" connection-state=established,related
add action=drop chain=input comment="drop WAN - password spraying seen 2024" in-interface=pppoe-isp
/ip ipsec peer
add address=198.51.100.20/32 name=hq-peer
/ip ipsec identity
add peer=hq-peer secret="ike secret with spaces"
/ppp secret
add name=vpn-anna password=Ppp-Anna-77 profile=default-encryption service=l2tp
add name=key-holder password=Ppp-Key-88 service=l2tp
/radius
add address=10.0.10.12 secret=Rad1us-Sec! service=ppp,login
/routing bgp connection
add as=65012 local.role=ebgp name=to-hq remote.address=172.31.0.1 tcp-md5-key=Bgp-Md5-2024
/routing ospf interface-template
add area=backbone auth=md5 auth-id=1 auth-key=0spf-Key interfaces=bridge-lan
/snmp community
set [ find default=yes ] name=Br12-R0-c0mm
add addresses=10.0.10.20/32 authentication-password=SnmpAuth-12 authentication-protocol=SHA1 \
    encryption-password=SnmpPriv-12 encryption-protocol=AES name=monitor12 security=private
/snmp
set contact=noc@corp.example enabled=yes location="Branch 12 - key cabinet" trap-community=Tr4p-C0mm
/system identity
set name=rtr-branch-12
/system note
set note="Authorised access only. password=not-a-secret; the secret key is in the vault." \
    show-at-login=yes
/system script
add name=backup-to-ftp policy=read,write source="/tool fetch url=\"ftp://backup:Ftp-Pw-12@10.0.10.30/\
    rtr12.rsc\" upload=yes src-path=rtr12.rsc"
/tool e-mail
set from=router@corp.example port=587 server=smtp.corp.example tls=starttls user=router password=\
    Mail-Pw-12
/user
add group=full name=netops
